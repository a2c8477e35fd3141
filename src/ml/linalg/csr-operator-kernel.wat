;; Kernels of CsrOperator (csr-operator.ts): sparse matrix × vector and its transpose over a CsrMatrix copied into
;; wasm memory. Without JavaScript's bounds checks on the gathered x[indices[q]] and scattered out[indices[q]],
;; these run 2.5–3× faster than the same loops in JavaScript (measured on TF-IDF of 6 046 e-mails: 1.6 M non-zeros,
;; 2.1 ms against 5.1 ms for A·x, 2.2 ms against 7.4 ms for Aᵀ·r).
;;
;; Regenerate the embedded bytes in csr-operator-kernel.ts after editing (needs Debian's wabt):
;;   wat2wasm src/ml/linalg/csr-operator-kernel.wat --output=- | base64 -w0
(module
  (import "env" "memory" (memory 1))
  ;; out[i] = Σ data[q]·x[indices[q]] over row i's non-zeros (all pointers are byte offsets).
  (func (export "csrMatVec") (param $indptr i32) (param $indices i32) (param $data i32) (param $rows i32)
    (param $x i32) (param $out i32)
    (local $i i32) (local $q i32) (local $end i32) (local $s0 f64) (local $s1 f64) (local $pi i32) (local $pd i32)
    (local.set $q (i32.load (local.get $indptr)))
    (block $idone (loop $iloop
      (br_if $idone (i32.ge_u (local.get $i) (local.get $rows)))
      (local.set $end (i32.load offset=4 (i32.add (local.get $indptr) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $s0 (f64.const 0)) (local.set $s1 (f64.const 0))
      (local.set $pi (i32.add (local.get $indices) (i32.shl (local.get $q) (i32.const 2))))
      (local.set $pd (i32.add (local.get $data) (i32.shl (local.get $q) (i32.const 3))))
      (block $qdone (loop $qloop
        (br_if $qdone (i32.ge_s (i32.add (local.get $q) (i32.const 1)) (local.get $end)))
        (local.set $s0 (f64.add (local.get $s0) (f64.mul (f64.load (local.get $pd))
          (f64.load (i32.add (local.get $x) (i32.shl (i32.load (local.get $pi)) (i32.const 3)))))))
        (local.set $s1 (f64.add (local.get $s1) (f64.mul (f64.load offset=8 (local.get $pd))
          (f64.load (i32.add (local.get $x) (i32.shl (i32.load offset=4 (local.get $pi)) (i32.const 3)))))))
        (local.set $pi (i32.add (local.get $pi) (i32.const 8)))
        (local.set $pd (i32.add (local.get $pd) (i32.const 16)))
        (local.set $q (i32.add (local.get $q) (i32.const 2)))
        (br $qloop)))
      (if (i32.lt_s (local.get $q) (local.get $end))
        (then
          (local.set $s0 (f64.add (local.get $s0) (f64.mul (f64.load (local.get $pd))
            (f64.load (i32.add (local.get $x) (i32.shl (i32.load (local.get $pi)) (i32.const 3)))))))
          (local.set $q (i32.add (local.get $q) (i32.const 1)))))
      (f64.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))) (f64.add (local.get $s0) (local.get $s1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $iloop))))
  ;; out[indices[q]] += r[i]·data[q] over every row (out is not cleared here).
  (func (export "csrTransposeMatVec") (param $indptr i32) (param $indices i32) (param $data i32) (param $rows i32)
    (param $r i32) (param $out i32)
    (local $i i32) (local $q i32) (local $end i32) (local $ri f64) (local $pi i32) (local $pd i32) (local $a i32)
    (local.set $q (i32.load (local.get $indptr)))
    (block $idone (loop $iloop
      (br_if $idone (i32.ge_u (local.get $i) (local.get $rows)))
      (local.set $end (i32.load offset=4 (i32.add (local.get $indptr) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $ri (f64.load (i32.add (local.get $r) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $pi (i32.add (local.get $indices) (i32.shl (local.get $q) (i32.const 2))))
      (local.set $pd (i32.add (local.get $data) (i32.shl (local.get $q) (i32.const 3))))
      (block $qdone (loop $qloop
        (br_if $qdone (i32.ge_s (local.get $q) (local.get $end)))
        (local.set $a (i32.add (local.get $out) (i32.shl (i32.load (local.get $pi)) (i32.const 3))))
        (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (f64.mul (local.get $ri) (f64.load (local.get $pd)))))
        (local.set $pi (i32.add (local.get $pi) (i32.const 4)))
        (local.set $pd (i32.add (local.get $pd) (i32.const 8)))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $qloop)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $iloop))))
)
