#!/bin/sh
# Makes the demo's pictures (static/images/*.jpg), which the demo feeds reference as
# http://localhost:4000/images/<name>.jpg and `site.static` copies into the site.
# Generated, not photographed: a sky gradient, a soft texture, a sun and two hills, each in
# its own colours. Needs ImageMagick; the output is committed, so only run it to change them.
set -eu
cd "$(dirname "$0")/static/images"
make() { # name sky-top sky-bottom hill-far hill-near sun seed
  convert -size 640x360 "gradient:$2-$3" \
    \( -size 640x360 -seed "$7" plasma:grey50-grey60 -blur 0x8 \) -compose overlay -composite \
    -fill "$6" -draw "circle 470,120 470,168" \
    -fill "$4" -draw "path 'M 0,250 C 120,170 260,190 360,240 S 560,180 640,220 L 640,360 L 0,360 Z'" \
    -fill "$5" -draw "path 'M 0,310 C 160,250 300,280 420,300 S 580,270 640,290 L 640,360 L 0,360 Z'" \
    -strip -interlace Plane -quality 72 "$1.jpg"
}
make green-table-1 '#f6d365' '#fda085' '#c0703a' '#8a4b22' '#fff3c4' 11
make green-table-2 '#e0f2e9' '#a8d5ba' '#5f9e7a' '#3d6b52' '#ffffff' 12
make harbour-science-1 '#89c4f4' '#dff1ff' '#4a7fa7' '#2c5473' '#fffbe0' 21
make harbour-science-2 '#1e3c72' '#2a5298' '#1b2f52' '#0f1c33' '#f0f0f0' 22
make harbour-science-3 '#ff9966' '#ff5e62' '#7a3a4a' '#4a2030' '#ffe29f' 23
make jiangcheng-daily-1 '#a1c4fd' '#c2e9fb' '#6b8fb5' '#3f5f80' '#ffffff' 31
make jiangcheng-daily-2 '#fbc2eb' '#a6c1ee' '#7d6fa8' '#4e4678' '#fff6d6' 32
make mashang-weekly-1 '#0f2027' '#2c5364' '#1a3440' '#0b1a20' '#7fdbff' 41
make mashang-weekly-2 '#232526' '#414345' '#2b2d2f' '#151617' '#ffb347' 42
make oss-digest-1 '#43cea2' '#185a9d' '#1f6f6a' '#114040' '#fff8c6' 51
make oss-digest-2 '#ece9e6' '#ffffff' '#9aa5b1' '#5f6b78' '#ffcc66' 52
make qinghe-finance-1 '#f83600' '#f9d423' '#a3341c' '#6b1f10' '#fff2b0' 61
make qinghe-finance-2 '#56ab2f' '#a8e063' '#3f7a22' '#244a14' '#ffffe0' 62
make qinghe-finance-3 '#614385' '#516395' '#3c3a66' '#23223f' '#ffd1a6' 63
make shanye-trails-1 '#e6e9f0' '#eef1f5' '#aab4c3' '#7c8797' '#ffffff' 71
make shanye-trails-2 '#d4fc79' '#96e6a1' '#5a9a5f' '#356a3a' '#fffbe6' 72
