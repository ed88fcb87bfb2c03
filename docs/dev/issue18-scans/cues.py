import sys, time, torch
from unsupseg.wnet.train import WNetConfig, wnet_datasets
from unsupseg.wnet.contours import oriented_strength
split, a, b = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
cfg = WNetConfig.from_preset('cpu', dataset='bsds500', size=128, crop='random', lr_step=0, iterations=3000)
_, ds = wnet_datasets(cfg, 'train' if split == 'val' else 'trainval', split, None)
t0 = time.time()
for i in range(a, min(b, len(ds))):
    img = (ds[i]['image'] * 255).round().to(torch.uint8).permute(1, 2, 0).numpy().copy()
    oriented_strength(img, cache_dir='/work/main/.cache/contours')
    print(i, f'{time.time() - t0:.0f}s', flush=True)
