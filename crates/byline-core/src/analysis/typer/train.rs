//! Training the typer: a multiclass averaged perceptron, deterministic for a seed.
//!
//! Run by `examples/train_typer.rs`; kept in the library so the features the model
//! is trained on are the very ones [`super::classify`] computes.

use super::{best, Label, LABELS};

/// One training span: its features and its gold label.
#[derive(Debug, Clone)]
pub struct Example {
    pub features: Vec<u32>,
    pub label: Label,
}

/// SplitMix64, for a shuffle that is the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Trains for `epochs` passes over `examples` in a seeded order and returns the
/// averaged weights (`2^bits × LABELS`, bucket-major, each feature in the bucket of its
/// hash's low `bits`). Averaging (each weight's mean
/// over every step) is what makes a perceptron generalise; it is computed lazily
/// from the summed, step-stamped updates.
pub fn train(examples: &[Example], epochs: usize, seed: u64, bits: u32) -> Vec<f64> {
    let buckets = 1usize << bits;
    let bucket = |f: u32| f as usize & (buckets - 1);
    let mut weights = vec![0i64; buckets * LABELS];
    // Σ step × update per weight: the average is weights − stamped / steps.
    let mut stamped = vec![0i64; buckets * LABELS];
    let mut step: i64 = 1;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng(seed);
    for _ in 0..epochs {
        // Fisher–Yates.
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &index in &order {
            let example = &examples[index];
            let mut scores = [0i64; LABELS];
            for &f in &example.features {
                for (label, score) in scores.iter_mut().enumerate() {
                    *score += weights[bucket(f) * LABELS + label];
                }
            }
            let scores32 = scores.map(|s| s.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32);
            let guess = best(&scores32);
            if guess != example.label {
                for &f in &example.features {
                    let good = bucket(f) * LABELS + example.label.index();
                    let bad = bucket(f) * LABELS + guess.index();
                    weights[good] += 1;
                    stamped[good] += step;
                    weights[bad] -= 1;
                    stamped[bad] -= step;
                }
            }
            step += 1;
        }
    }
    weights
        .iter()
        .zip(&stamped)
        .map(|(&w, &s)| w as f64 - s as f64 / step as f64)
        .collect()
}

/// The weights as signed bytes, the embedded format [`super::scores`] reads: scaled
/// so that the `clip` quantile of the non-zero weights' magnitudes is 127, the few
/// larger ones clipped to ±127. `train_typer` uses 1 (the largest weight is 127, as
/// the `i16` format was scaled): clipping lower gives the many small weights finer
/// steps, but `train_typer --sweep` measured it costing accuracy, not saving it.
pub fn quantise(weights: &[f64], clip: f64) -> Vec<u8> {
    let mut magnitudes: Vec<f64> = weights
        .iter()
        .map(|w| w.abs())
        .filter(|&w| w > 0.0)
        .collect();
    magnitudes.sort_by(f64::total_cmp);
    let at = ((magnitudes.len() as f64 * clip).ceil() as usize).min(magnitudes.len());
    let bound = at.checked_sub(1).map_or(0.0, |i| magnitudes[i]);
    let scale = if bound > 0.0 { 127.0 / bound } else { 0.0 };
    weights
        .iter()
        .map(|w| (w * scale).round().clamp(-127.0, 127.0) as i8 as u8)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_separable_set_is_learned_and_the_result_is_the_same_every_run() {
        let examples = vec![
            Example {
                features: vec![1, 7],
                label: Label::Person,
            },
            Example {
                features: vec![2, 7],
                label: Label::Location,
            },
            Example {
                features: vec![3, 7],
                label: Label::NotName,
            },
        ];
        let a = quantise(&train(&examples, 5, 1, 4), 1.0);
        let b = quantise(&train(&examples, 5, 1, 4), 1.0);
        assert_eq!(a, b);
        assert_eq!(a.len(), 16 * LABELS);
        for example in &examples {
            let scores = super::super::scores(&a, &example.features);
            assert_eq!(best(&scores), example.label);
        }
    }

    #[test]
    fn quantising_clips_at_the_quantile_and_keeps_signs() {
        let weights = [0.0, 1.0, -2.0, 4.0, 100.0];
        // The 0.75 quantile of 1, 2, 4, 100 is 4: 4 → 127, 100 clipped to 127.
        let bytes = quantise(&weights, 0.75);
        let values: Vec<i8> = bytes.iter().map(|&b| b as i8).collect();
        assert_eq!(values, [0, 32, -64, 127, 127]);
        let all = quantise(&weights, 1.0);
        assert_eq!(all[4] as i8, 127);
        assert_eq!(all[3] as i8, 5);
    }
}
