;; The kernels of `gram` (gram.ts). A block of rows is held in "panels" of four columns: panel P (columns 4P..4P+3)
;; starts at P·stride·4 doubles, and within it each pair of rows (r, r+1) takes 8 consecutive doubles
;; [c0: r, r+1][c1: r, r+1][c2: r, r+1][c3: r, r+1]. gramBlock then walks two panels with one pointer each and
;; constant offsets, accumulating the upper triangle of BᵀB with f64x2 SIMD and 2×4 register blocking (each
;; 16-byte load feeds two to four multiply-adds). JavaScript cannot express SIMD: the whole gram runs ~5× faster
;; with these kernels than with the same loops in JavaScript, and the panel layout is ~25% faster than plain
;; column-major blocks (see gram.ts).
;;
;; Regenerate the embedded bytes in gram-kernel.ts after editing (needs Debian's wabt):
;;   wat2wasm src/ml/linalg/gram-kernel.wat --output=- | base64 -w0
(module
  (import "env" "memory" (memory 1))
  ;; buf: byte offset of the panels (`stride` rows each, pp a multiple of 4 columns, `len` rows used, even); g: byte
  ;; offset of the pp×pp row-major result, to which G[j][k] += Σ_r B[r][j]·B[r][k] is added for k ≥ 4⌊j/4⌋ (a few
  ;; entries below the diagonal are written too; callers read the upper triangle).
  (func (export "gramBlock") (param $buf i32) (param $stride i32) (param $pp i32) (param $len i32) (param $g i32)
    (local $j i32) (local $k i32) (local $panelBytes i32) (local $usedBytes i32) (local $pj i32) (local $pk i32)
    (local $end i32) (local $gk i32)
    (local $x0 v128) (local $x1 v128) (local $y v128)
    (local $s00 v128) (local $s01 v128) (local $s02 v128) (local $s03 v128)
    (local $s10 v128) (local $s11 v128) (local $s12 v128) (local $s13 v128)
    (local.set $panelBytes (i32.shl (local.get $stride) (i32.const 5)))
    (local.set $usedBytes (i32.shl (local.get $len) (i32.const 5)))
    (block $jdone (loop $jloop
      (br_if $jdone (i32.ge_u (local.get $j) (local.get $pp)))
      (local.set $k (i32.and (local.get $j) (i32.const -4)))
      (block $kdone (loop $kloop
        (br_if $kdone (i32.ge_u (local.get $k) (local.get $pp)))
        ;; pj: j's panel plus (j mod 4)·16 bytes; pk: k's panel.
        (local.set $pj (i32.add
          (i32.add (local.get $buf) (i32.mul (i32.shr_u (local.get $j) (i32.const 2)) (local.get $panelBytes)))
          (i32.shl (i32.and (local.get $j) (i32.const 3)) (i32.const 4))))
        (local.set $pk (i32.add (local.get $buf) (i32.mul (i32.shr_u (local.get $k) (i32.const 2)) (local.get $panelBytes))))
        (local.set $end (i32.add (local.get $pk) (local.get $usedBytes)))
        (local.set $s00 (v128.const f64x2 0 0)) (local.set $s01 (v128.const f64x2 0 0))
        (local.set $s02 (v128.const f64x2 0 0)) (local.set $s03 (v128.const f64x2 0 0))
        (local.set $s10 (v128.const f64x2 0 0)) (local.set $s11 (v128.const f64x2 0 0))
        (local.set $s12 (v128.const f64x2 0 0)) (local.set $s13 (v128.const f64x2 0 0))
        (block $rdone (loop $rloop
          (br_if $rdone (i32.ge_u (local.get $pk) (local.get $end)))
          (local.set $x0 (v128.load (local.get $pj)))
          (local.set $x1 (v128.load offset=16 (local.get $pj)))
          (local.set $y (v128.load (local.get $pk)))
          (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $x0) (local.get $y))))
          (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $x1) (local.get $y))))
          (local.set $y (v128.load offset=16 (local.get $pk)))
          (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $x0) (local.get $y))))
          (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $x1) (local.get $y))))
          (local.set $y (v128.load offset=32 (local.get $pk)))
          (local.set $s02 (f64x2.add (local.get $s02) (f64x2.mul (local.get $x0) (local.get $y))))
          (local.set $s12 (f64x2.add (local.get $s12) (f64x2.mul (local.get $x1) (local.get $y))))
          (local.set $y (v128.load offset=48 (local.get $pk)))
          (local.set $s03 (f64x2.add (local.get $s03) (f64x2.mul (local.get $x0) (local.get $y))))
          (local.set $s13 (f64x2.add (local.get $s13) (f64x2.mul (local.get $x1) (local.get $y))))
          (local.set $pj (i32.add (local.get $pj) (i32.const 64)))
          (local.set $pk (i32.add (local.get $pk) (i32.const 64)))
          (br $rloop)))
        (local.set $gk (i32.add (local.get $g)
          (i32.shl (i32.add (i32.mul (local.get $j) (local.get $pp)) (local.get $k)) (i32.const 3))))
        (call $add4 (local.get $gk) (local.get $s00) (local.get $s01) (local.get $s02) (local.get $s03))
        (call $add4 (i32.add (local.get $gk) (i32.shl (local.get $pp) (i32.const 3)))
          (local.get $s10) (local.get $s11) (local.get $s12) (local.get $s13))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $kloop)))
      (local.set $j (i32.add (local.get $j) (i32.const 2)))
      (br $jloop))))
  ;; Copies `len` rows of `p` doubles (row-major at $src) into the panels at $dst (`stride` rows each), subtracting
  ;; the shift vector at $shift and multiplying row r by the double at $scale + 8r. Rows go in pairs, so each store
  ;; writes one 16-byte pair (an odd `len` also writes row len, which the caller then zeroes).
  (func (export "packBlock") (param $src i32) (param $p i32) (param $len i32) (param $dst i32) (param $stride i32)
    (param $shift i32) (param $scale i32)
    (local $r i32) (local $j i32) (local $sc v128) (local $in0 i32) (local $in1 i32) (local $rowBase i32) (local $sh i32)
    (local $panelBytes i32) (local $rowBytes i32) (local $v v128)
    (local.set $panelBytes (i32.shl (local.get $stride) (i32.const 5)))
    (local.set $rowBytes (i32.shl (local.get $p) (i32.const 3)))
    (block $rdone (loop $rloop
      (br_if $rdone (i32.ge_u (local.get $r) (local.get $len)))
      (local.set $sc (v128.load (i32.add (local.get $scale) (i32.shl (local.get $r) (i32.const 3)))))
      (local.set $in0 (i32.add (local.get $src) (i32.mul (local.get $r) (local.get $rowBytes))))
      (local.set $in1 (i32.add (local.get $in0) (local.get $rowBytes)))
      ;; Rows r, r+1 sit at (r/2)·64 bytes into every panel.
      (local.set $rowBase (i32.add (local.get $dst) (i32.shl (local.get $r) (i32.const 5))))
      (local.set $sh (local.get $shift))
      (local.set $j (i32.const 0))
      (block $jdone (loop $jloop
        (br_if $jdone (i32.ge_u (local.get $j) (local.get $p)))
        (local.set $v (f64x2.replace_lane 1 (f64x2.splat (f64.load (local.get $in0))) (f64.load (local.get $in1))))
        (v128.store
          (i32.add (local.get $rowBase)
            (i32.add (i32.mul (i32.shr_u (local.get $j) (i32.const 2)) (local.get $panelBytes))
              (i32.shl (i32.and (local.get $j) (i32.const 3)) (i32.const 4))))
          (f64x2.mul (f64x2.sub (local.get $v) (f64x2.splat (f64.load (local.get $sh)))) (local.get $sc)))
        (local.set $in0 (i32.add (local.get $in0) (i32.const 8)))
        (local.set $in1 (i32.add (local.get $in1) (i32.const 8)))
        (local.set $sh (i32.add (local.get $sh) (i32.const 8)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $jloop)))
      (local.set $r (i32.add (local.get $r) (i32.const 2)))
      (br $rloop))))
  ;; Adds the horizontal sums of four f64x2 accumulators to four consecutive doubles at $g.
  (func $add4 (param $g i32) (param $a v128) (param $b v128) (param $c v128) (param $d v128)
    (f64.store (local.get $g) (f64.add (f64.load (local.get $g))
      (f64.add (f64x2.extract_lane 0 (local.get $a)) (f64x2.extract_lane 1 (local.get $a)))))
    (f64.store offset=8 (local.get $g) (f64.add (f64.load offset=8 (local.get $g))
      (f64.add (f64x2.extract_lane 0 (local.get $b)) (f64x2.extract_lane 1 (local.get $b)))))
    (f64.store offset=16 (local.get $g) (f64.add (f64.load offset=16 (local.get $g))
      (f64.add (f64x2.extract_lane 0 (local.get $c)) (f64x2.extract_lane 1 (local.get $c)))))
    (f64.store offset=24 (local.get $g) (f64.add (f64.load offset=24 (local.get $g))
      (f64.add (f64x2.extract_lane 0 (local.get $d)) (f64x2.extract_lane 1 (local.get $d))))))
)
