;; SIMD versions (f64x2 lanes) of the k-means hot loops in centre-assignment.ts, kmeans-init.ts and lloyd.ts: the
;; same algorithms, only the dot products and row sums are vectorised. Pointers are byte offsets into the imported
;; memory; matrices are row-major float64, labels int32.
;;
;; Regenerate the embedded bytes in kmeans-kernel.ts after editing (needs Debian's wabt):
;;   wat2wasm src/ml/cluster/kmeans-kernel.wat --output=- | base64 -w0
(module
  (import "env" "memory" (memory 1))

  ;; Σ a[j]·b[j] over d doubles.
  (func $dot (param $a i32) (param $b i32) (param $d i32) (result f64)
    (local $j i32) (local $end4 i32) (local $bytes i32) (local $acc0 v128) (local $acc1 v128) (local $s f64)
    (local.set $bytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $end4 (i32.shl (i32.and (local.get $d) (i32.const -4)) (i32.const 3)))
    (local.set $acc0 (v128.const f64x2 0 0))
    (local.set $acc1 (v128.const f64x2 0 0))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $j) (local.get $end4)))
      (local.set $acc0 (f64x2.add (local.get $acc0)
        (f64x2.mul (v128.load (i32.add (local.get $a) (local.get $j))) (v128.load (i32.add (local.get $b) (local.get $j))))))
      (local.set $acc1 (f64x2.add (local.get $acc1)
        (f64x2.mul (v128.load offset=16 (i32.add (local.get $a) (local.get $j)))
                   (v128.load offset=16 (i32.add (local.get $b) (local.get $j))))))
      (local.set $j (i32.add (local.get $j) (i32.const 32)))
      (br $loop)))
    (if (i32.le_u (i32.add (local.get $j) (i32.const 16)) (local.get $bytes))
      (then
        (local.set $acc0 (f64x2.add (local.get $acc0)
          (f64x2.mul (v128.load (i32.add (local.get $a) (local.get $j))) (v128.load (i32.add (local.get $b) (local.get $j))))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))))
    (local.set $acc0 (f64x2.add (local.get $acc0) (local.get $acc1)))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $acc0)) (f64x2.extract_lane 1 (local.get $acc0))))
    (if (i32.lt_u (local.get $j) (local.get $bytes))
      (then
        (local.set $s (f64.add (local.get $s)
          (f64.mul (f64.load (i32.add (local.get $a) (local.get $j))) (f64.load (i32.add (local.get $b) (local.get $j))))))))
    (local.get $s))

  ;; The dot products of x with four rows c0..c3 (d doubles each), sharing the loads of x, into out[0..4).
  (func $dots4 (param $x i32) (param $c0 i32) (param $c1 i32) (param $c2 i32) (param $c3 i32) (param $d i32)
    (param $out i32)
    (local $j i32) (local $even i32) (local $bytes i32) (local $xv v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $xs f64)
    (local.set $bytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $even (i32.shl (i32.and (local.get $d) (i32.const -2)) (i32.const 3)))
    (local.set $a0 (v128.const f64x2 0 0))
    (local.set $a1 (v128.const f64x2 0 0))
    (local.set $a2 (v128.const f64x2 0 0))
    (local.set $a3 (v128.const f64x2 0 0))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $j) (local.get $even)))
      (local.set $xv (v128.load (i32.add (local.get $x) (local.get $j))))
      (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $xv) (v128.load (i32.add (local.get $c0) (local.get $j))))))
      (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $xv) (v128.load (i32.add (local.get $c1) (local.get $j))))))
      (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $xv) (v128.load (i32.add (local.get $c2) (local.get $j))))))
      (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $xv) (v128.load (i32.add (local.get $c3) (local.get $j))))))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $loop)))
    (f64.store (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $a0)) (f64x2.extract_lane 1 (local.get $a0))))
    (f64.store offset=8 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $a1)) (f64x2.extract_lane 1 (local.get $a1))))
    (f64.store offset=16 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $a2)) (f64x2.extract_lane 1 (local.get $a2))))
    (f64.store offset=24 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $a3)) (f64x2.extract_lane 1 (local.get $a3))))
    (if (i32.lt_u (local.get $j) (local.get $bytes))
      (then
        (local.set $xs (f64.load (i32.add (local.get $x) (local.get $j))))
        (f64.store (local.get $out) (f64.add (f64.load (local.get $out))
          (f64.mul (local.get $xs) (f64.load (i32.add (local.get $c0) (local.get $j))))))
        (f64.store offset=8 (local.get $out) (f64.add (f64.load offset=8 (local.get $out))
          (f64.mul (local.get $xs) (f64.load (i32.add (local.get $c1) (local.get $j))))))
        (f64.store offset=16 (local.get $out) (f64.add (f64.load offset=16 (local.get $out))
          (f64.mul (local.get $xs) (f64.load (i32.add (local.get $c2) (local.get $j))))))
        (f64.store offset=24 (local.get $out) (f64.add (f64.load offset=24 (local.get $out))
          (f64.mul (local.get $xs) (f64.load (i32.add (local.get $c3) (local.get $j)))))))))

  ;; out[i] = ‖x_i‖² for n rows of d doubles.
  (func (export "rowNorms") (param $x i32) (param $n i32) (param $d i32) (param $out i32)
    (local $i i32) (local $row i32)
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $row (i32.add (local.get $x) (i32.shl (i32.mul (local.get $i) (local.get $d)) (i32.const 3))))
      (f64.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3)))
        (call $dot (local.get $row) (local.get $row) (local.get $d)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $loop))))

  ;; assignNearest of centre-assignment.ts: nearest of k centres per row, trying the current label first (when
  ;; $warm) and skipping centres with ‖c_best − c‖² ≥ 4‖x − c_best‖².
  (func (export "assignNearest")
    (param $x i32) (param $n i32) (param $d i32) (param $xn i32) (param $c i32) (param $k i32) (param $cn i32)
    (param $cc i32) (param $labels i32) (param $mind i32) (param $warm i32)
    (local $i i32) (local $row i32) (local $norm f64) (local $best i32) (local $bestD f64) (local $cand i32)
    (local $dist f64) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $row (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $rowBytes))))
      (local.set $norm (f64.load (i32.add (local.get $xn) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $best (i32.const 0))
      (if (local.get $warm)
        (then (local.set $best (i32.load (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2)))))))
      (if (i32.ge_u (local.get $best) (local.get $k)) (then (local.set $best (i32.const 0))))
      (local.set $bestD
        (f64.sub
          (f64.add (local.get $norm) (f64.load (i32.add (local.get $cn) (i32.shl (local.get $best) (i32.const 3)))))
          (f64.mul (f64.const 2)
            (call $dot (local.get $row) (i32.add (local.get $c) (i32.mul (local.get $best) (local.get $rowBytes)))
              (local.get $d)))))
      (local.set $cand (i32.const 0))
      (block $cdone (loop $cloop
        (br_if $cdone (i32.ge_u (local.get $cand) (local.get $k)))
        (if (i32.and
              (i32.ne (local.get $cand) (local.get $best))
              (f64.lt
                (f64.load (i32.add (local.get $cc)
                  (i32.shl (i32.add (i32.mul (local.get $best) (local.get $k)) (local.get $cand)) (i32.const 3))))
                (f64.mul (f64.const 4) (local.get $bestD))))
          (then
            (local.set $dist
              (f64.sub
                (f64.add (local.get $norm) (f64.load (i32.add (local.get $cn) (i32.shl (local.get $cand) (i32.const 3)))))
                (f64.mul (f64.const 2)
                  (call $dot (local.get $row) (i32.add (local.get $c) (i32.mul (local.get $cand) (local.get $rowBytes)))
                    (local.get $d)))))
            (if (i32.or (f64.lt (local.get $dist) (local.get $bestD))
                        (i32.and (f64.eq (local.get $dist) (local.get $bestD)) (i32.lt_u (local.get $cand) (local.get $best))))
              (then (local.set $best (local.get $cand)) (local.set $bestD (local.get $dist))))))
        (local.set $cand (i32.add (local.get $cand) (i32.const 1)))
        (br $cloop)))
      (i32.store (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2))) (local.get $best))
      (f64.store (i32.add (local.get $mind) (i32.shl (local.get $i) (i32.const 3)))
        (f64.max (local.get $bestD) (f64.const 0)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $loop))))

  ;; One round of greedy k-means++ (kmeans-init.ts): for each point that some candidate may bring closer
  ;; (‖cand − owner‖² < 4·closest), the distances to all candidates are stored at candDist[q·trials + t], the point
  ;; index at near[q], and added to pots[t]. The summed distances of the other points go to pots[trials].
  ;; cand holds the byte offsets of the candidate rows; $tmp has room for max(trials, 4) doubles; returns the number
  ;; of listed points.
  (func (export "plusPlusRound")
    (param $x i32) (param $n i32) (param $d i32) (param $xn i32) (param $closest i32) (param $owner i32)
    (param $k i32) (param $trials i32) (param $cand i32) (param $candNorm i32) (param $toC i32)
    (param $candDist i32) (param $near i32) (param $pots i32) (param $tmp i32) (result i32)
    (local $i i32) (local $t i32) (local $row i32) (local $cl f64) (local $o i32) (local $needed i32)
    (local $unchanged f64) (local $nNear i32) (local $dist f64) (local $v f64) (local $slot i32) (local $norm f64)
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $cl (f64.load (i32.add (local.get $closest) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $o (i32.load (i32.add (local.get $owner) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $needed (i32.const 0))
      (local.set $t (i32.const 0))
      (block $tdone (loop $tloop
        (br_if $tdone (i32.ge_u (local.get $t) (local.get $trials)))
        (if (f64.lt
              (f64.load (i32.add (local.get $toC)
                (i32.shl (i32.add (i32.mul (local.get $t) (local.get $k)) (local.get $o)) (i32.const 3))))
              (f64.mul (f64.const 4) (local.get $cl)))
          (then (local.set $needed (i32.const 1))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $tloop)))
      (if (local.get $needed)
        (then
          (local.set $row (i32.add (local.get $x) (i32.shl (i32.mul (local.get $i) (local.get $d)) (i32.const 3))))
          (local.set $norm (f64.load (i32.add (local.get $xn) (i32.shl (local.get $i) (i32.const 3)))))
          ;; the dot products with the candidates, four at a time, into $tmp
          (local.set $t (i32.const 0))
          (block $g4done (loop $g4loop
            (br_if $g4done (i32.gt_u (i32.add (local.get $t) (i32.const 4)) (local.get $trials)))
            (call $dots4 (local.get $row)
              (i32.load (i32.add (local.get $cand) (i32.shl (local.get $t) (i32.const 2))))
              (i32.load offset=4 (i32.add (local.get $cand) (i32.shl (local.get $t) (i32.const 2))))
              (i32.load offset=8 (i32.add (local.get $cand) (i32.shl (local.get $t) (i32.const 2))))
              (i32.load offset=12 (i32.add (local.get $cand) (i32.shl (local.get $t) (i32.const 2))))
              (local.get $d) (i32.add (local.get $tmp) (i32.shl (local.get $t) (i32.const 3))))
            (local.set $t (i32.add (local.get $t) (i32.const 4)))
            (br $g4loop)))
          (block $g1done (loop $g1loop
            (br_if $g1done (i32.ge_u (local.get $t) (local.get $trials)))
            (f64.store (i32.add (local.get $tmp) (i32.shl (local.get $t) (i32.const 3)))
              (call $dot (local.get $row)
                (i32.load (i32.add (local.get $cand) (i32.shl (local.get $t) (i32.const 2)))) (local.get $d)))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $g1loop)))
          (local.set $t (i32.const 0))
          (block $t2done (loop $t2loop
            (br_if $t2done (i32.ge_u (local.get $t) (local.get $trials)))
            (local.set $dist
              (f64.sub
                (f64.add (local.get $norm) (f64.load (i32.add (local.get $candNorm) (i32.shl (local.get $t) (i32.const 3)))))
                (f64.mul (f64.const 2) (f64.load (i32.add (local.get $tmp) (i32.shl (local.get $t) (i32.const 3)))))))
            (local.set $v (local.get $cl))
            (if (f64.lt (local.get $dist) (local.get $cl))
              (then (local.set $v (f64.max (local.get $dist) (f64.const 0)))))
            (f64.store
              (i32.add (local.get $candDist)
                (i32.shl (i32.add (i32.mul (local.get $nNear) (local.get $trials)) (local.get $t)) (i32.const 3)))
              (local.get $v))
            (local.set $slot (i32.add (local.get $pots) (i32.shl (local.get $t) (i32.const 3))))
            (f64.store (local.get $slot) (f64.add (f64.load (local.get $slot)) (local.get $v)))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $t2loop)))
          (i32.store (i32.add (local.get $near) (i32.shl (local.get $nNear) (i32.const 2))) (local.get $i))
          (local.set $nNear (i32.add (local.get $nNear) (i32.const 1))))
        (else (local.set $unchanged (f64.add (local.get $unchanged) (local.get $cl)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $loop)))
    (f64.store (i32.add (local.get $pots) (i32.shl (local.get $trials) (i32.const 3))) (local.get $unchanged))
    (local.get $nNear))

  ;; sums[label_i] += x_i and counts[label_i] += 1 (the Lloyd update before averaging).
  (func (export "accumulate")
    (param $x i32) (param $n i32) (param $d i32) (param $labels i32) (param $sums i32) (param $counts i32)
    (local $i i32) (local $j i32) (local $row i32) (local $dst i32) (local $l i32) (local $bytes i32)
    (local $even i32) (local $slot i32)
    (local.set $bytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $even (i32.shl (i32.and (local.get $d) (i32.const -2)) (i32.const 3)))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $l (i32.load (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $slot (i32.add (local.get $counts) (i32.shl (local.get $l) (i32.const 3))))
      (f64.store (local.get $slot) (f64.add (f64.load (local.get $slot)) (f64.const 1)))
      (local.set $row (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $bytes))))
      (local.set $dst (i32.add (local.get $sums) (i32.mul (local.get $l) (local.get $bytes))))
      (local.set $j (i32.const 0))
      (block $jdone (loop $jloop
        (br_if $jdone (i32.ge_u (local.get $j) (local.get $even)))
        (v128.store (i32.add (local.get $dst) (local.get $j))
          (f64x2.add (v128.load (i32.add (local.get $dst) (local.get $j))) (v128.load (i32.add (local.get $row) (local.get $j)))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $jloop)))
      (if (i32.lt_u (local.get $j) (local.get $bytes))
        (then
          (f64.store (i32.add (local.get $dst) (local.get $j))
            (f64.add (f64.load (i32.add (local.get $dst) (local.get $j))) (f64.load (i32.add (local.get $row) (local.get $j)))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $loop))))

  ;; Σ_i ‖x_i − c_{label_i}‖², from differences.
  (func (export "inertia") (param $x i32) (param $n i32) (param $d i32) (param $c i32) (param $labels i32) (result f64)
    (local $i i32) (local $j i32) (local $row i32) (local $cen i32) (local $bytes i32) (local $even i32)
    (local $acc v128) (local $diff v128) (local $total f64) (local $s f64) (local $t f64)
    (local.set $bytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $even (i32.shl (i32.and (local.get $d) (i32.const -2)) (i32.const 3)))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $row (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $bytes))))
      (local.set $cen (i32.add (local.get $c)
        (i32.mul (i32.load (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2)))) (local.get $bytes))))
      (local.set $acc (v128.const f64x2 0 0))
      (local.set $j (i32.const 0))
      (block $jdone (loop $jloop
        (br_if $jdone (i32.ge_u (local.get $j) (local.get $even)))
        (local.set $diff (f64x2.sub (v128.load (i32.add (local.get $row) (local.get $j))) (v128.load (i32.add (local.get $cen) (local.get $j)))))
        (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $diff) (local.get $diff))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $jloop)))
      (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))
      (if (i32.lt_u (local.get $j) (local.get $bytes))
        (then
          (local.set $t (f64.sub (f64.load (i32.add (local.get $row) (local.get $j))) (f64.load (i32.add (local.get $cen) (local.get $j)))))
          (local.set $s (f64.add (local.get $s) (f64.mul (local.get $t) (local.get $t))))))
      (local.set $total (f64.add (local.get $total) (local.get $s)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $loop)))
    (local.get $total))
)
