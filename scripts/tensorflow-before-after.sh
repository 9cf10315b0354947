#!/usr/bin/env bash
# TensorFlow serving speed of this checkout against an earlier revision's, measured in one session with the two
# alternating (and ONNX Runtime beside them as a load reference), so that their ratio survives a loaded machine.
# Usage: scripts/tensorflow-before-after.sh REV [ROUNDS] [MODEL]
# The same as scripts/serving-before-after.sh (see there) with ENGINES="tensorflow@$ONEDNN_MAX_CPU_ISA onnxruntime"
# (the cap SSE41 unless ONEDNN_MAX_CPU_ISA says otherwise, as the figures of docs/serving.md's NHWC section were taken)
# and the logs in $OUT (default out/tensorflow-before-after). ONNX Runtime runs before and after too: REV's onnx and
# backend-onnxruntime classes, where REV has them, are "before" as well.
set -euo pipefail
cd "$(dirname "$0")/.."
export ENGINES="${ENGINES:-tensorflow@${ONEDNN_MAX_CPU_ISA:-SSE41} onnxruntime}"
export OUT="${OUT:-out/tensorflow-before-after}"
exec scripts/serving-before-after.sh "$@"
