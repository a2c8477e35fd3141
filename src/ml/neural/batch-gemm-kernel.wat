;; The SIMD version of addProduct in batch-gemm.ts (same loops, same skipping of zeros), over f64x2 lanes.
;; All pointers are byte offsets into the imported memory; matrices are row-major float64.
;;
;; Regenerate the embedded bytes in batch-gemm-kernel.ts after editing (needs Debian's wabt):
;;   wat2wasm src/ml/neural/batch-gemm-kernel.wat --output=- | base64 -w0
(module
  (import "env" "memory" (memory 1))

  ;; C (m×n) += A (m×k) · B (k×n). Each row of A is compacted to its non-zeros in the scratch area `scr`
  ;; (k f64 values, then k i32 byte offsets of the matching rows of B); four rows of B are then combined per pass
  ;; over the row of C, which is loaded and stored once per four multiply-adds.
  (func (export "addProduct")
    (param $a i32) (param $m i32) (param $k i32) (param $b i32) (param $n i32) (param $c i32) (param $scr i32)
    (local $i i32) (local $p i32) (local $nnz i32) (local $q i32) (local $j i32)
    (local $arow i32) (local $crow i32) (local $val f64) (local $offs i32) (local $nb i32) (local $even i32)
    (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local.set $offs (i32.add (local.get $scr) (i32.shl (local.get $k) (i32.const 3))))
    (local.set $nb (i32.shl (local.get $n) (i32.const 3)))
    (local.set $even (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (local.set $i (i32.const 0))
    (block $idone (loop $iloop
      (br_if $idone (i32.ge_u (local.get $i) (local.get $m)))
      (local.set $arow (i32.add (local.get $a) (i32.shl (i32.mul (local.get $i) (local.get $k)) (i32.const 3))))
      (local.set $crow (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $nb))))
      ;; compact the row of A
      (local.set $nnz (i32.const 0))
      (local.set $p (i32.const 0))
      (block $pdone (loop $ploop
        (br_if $pdone (i32.ge_u (local.get $p) (local.get $k)))
        (local.set $val (f64.load (i32.add (local.get $arow) (i32.shl (local.get $p) (i32.const 3)))))
        ;; Written unconditionally and kept only when non-zero: no branch to mispredict on half-zero rows.
        (f64.store (i32.add (local.get $scr) (i32.shl (local.get $nnz) (i32.const 3))) (local.get $val))
        (i32.store (i32.add (local.get $offs) (i32.shl (local.get $nnz) (i32.const 2)))
          (i32.add (local.get $b) (i32.mul (local.get $p) (local.get $nb))))
        (local.set $nnz (i32.add (local.get $nnz) (f64.ne (local.get $val) (f64.const 0))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $ploop)))
      ;; four rows of B at a time, then one (eight at a time measured slower: register pressure)
      (local.set $q (i32.const 0))
      (block $q4done (loop $q4loop
        (br_if $q4done (i32.gt_u (i32.add (local.get $q) (i32.const 4)) (local.get $nnz)))
        (local.set $s0 (f64.load (i32.add (local.get $scr) (i32.shl (local.get $q) (i32.const 3)))))
        (local.set $s1 (f64.load offset=8 (i32.add (local.get $scr) (i32.shl (local.get $q) (i32.const 3)))))
        (local.set $s2 (f64.load offset=16 (i32.add (local.get $scr) (i32.shl (local.get $q) (i32.const 3)))))
        (local.set $s3 (f64.load offset=24 (i32.add (local.get $scr) (i32.shl (local.get $q) (i32.const 3)))))
        (local.set $v0 (f64x2.splat (local.get $s0)))
        (local.set $v1 (f64x2.splat (local.get $s1)))
        (local.set $v2 (f64x2.splat (local.get $s2)))
        (local.set $v3 (f64x2.splat (local.get $s3)))
        (local.set $b0 (i32.load (i32.add (local.get $offs) (i32.shl (local.get $q) (i32.const 2)))))
        (local.set $b1 (i32.load offset=4 (i32.add (local.get $offs) (i32.shl (local.get $q) (i32.const 2)))))
        (local.set $b2 (i32.load offset=8 (i32.add (local.get $offs) (i32.shl (local.get $q) (i32.const 2)))))
        (local.set $b3 (i32.load offset=12 (i32.add (local.get $offs) (i32.shl (local.get $q) (i32.const 2)))))
        (local.set $j (i32.const 0))
        (block $j4done (loop $j4loop
          (br_if $j4done (i32.ge_u (local.get $j) (local.get $even)))
          (v128.store (i32.add (local.get $crow) (local.get $j))
            (f64x2.add (v128.load (i32.add (local.get $crow) (local.get $j)))
              (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $v0) (v128.load (i32.add (local.get $b0) (local.get $j))))
              (f64x2.mul (local.get $v1) (v128.load (i32.add (local.get $b1) (local.get $j)))))
              (f64x2.mul (local.get $v2) (v128.load (i32.add (local.get $b2) (local.get $j)))))
              (f64x2.mul (local.get $v3) (v128.load (i32.add (local.get $b3) (local.get $j)))))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br $j4loop)))
        (if (i32.lt_u (local.get $even) (local.get $nb))
          (then
            (f64.store (i32.add (local.get $crow) (local.get $even))
              (f64.add (f64.load (i32.add (local.get $crow) (local.get $even)))
                (f64.add (f64.add (f64.add (f64.mul (local.get $s0) (f64.load (i32.add (local.get $b0) (local.get $even))))
                  (f64.mul (local.get $s1) (f64.load (i32.add (local.get $b1) (local.get $even)))))
                  (f64.mul (local.get $s2) (f64.load (i32.add (local.get $b2) (local.get $even)))))
                  (f64.mul (local.get $s3) (f64.load (i32.add (local.get $b3) (local.get $even)))))))))
        (local.set $q (i32.add (local.get $q) (i32.const 4)))
        (br $q4loop)))
      (block $rdone (loop $rloop
        (br_if $rdone (i32.ge_u (local.get $q) (local.get $nnz)))
        (local.set $s0 (f64.load (i32.add (local.get $scr) (i32.shl (local.get $q) (i32.const 3)))))
        (local.set $v0 (f64x2.splat (local.get $s0)))
        (local.set $b0 (i32.load (i32.add (local.get $offs) (i32.shl (local.get $q) (i32.const 2)))))
        (local.set $j (i32.const 0))
        (block $jdone2 (loop $jloop2
          (br_if $jdone2 (i32.ge_u (local.get $j) (local.get $even)))
          (v128.store (i32.add (local.get $crow) (local.get $j))
            (f64x2.add (v128.load (i32.add (local.get $crow) (local.get $j)))
              (f64x2.mul (local.get $v0) (v128.load (i32.add (local.get $b0) (local.get $j))))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br $jloop2)))
        (if (i32.lt_u (local.get $even) (local.get $nb))
          (then
            (f64.store (i32.add (local.get $crow) (local.get $even))
              (f64.add (f64.load (i32.add (local.get $crow) (local.get $even)))
                (f64.mul (local.get $s0) (f64.load (i32.add (local.get $b0) (local.get $even))))))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $rloop)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $iloop))))
)
