//! Training the typer: a multiclass averaged perceptron, deterministic for a seed.
//!
//! Run by `examples/train_typer.rs`; kept in the library so the features the model
//! is trained on are the very ones [`super::classify`] computes.

use super::{best, Label, BUCKETS, LABELS};

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
/// averaged weights (`BUCKETS × LABELS`, bucket-major). Averaging (each weight's mean
/// over every step) is what makes a perceptron generalise; it is computed lazily
/// from the summed, step-stamped updates.
pub fn train(examples: &[Example], epochs: usize, seed: u64) -> Vec<f64> {
    let mut weights = vec![0i64; BUCKETS * LABELS];
    // Σ step × update per weight: the average is weights − stamped / steps.
    let mut stamped = vec![0i64; BUCKETS * LABELS];
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
                    *score += weights[f as usize * LABELS + label];
                }
            }
            let scores32 = scores.map(|s| s.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32);
            let guess = best(&scores32);
            if guess != example.label {
                for &f in &example.features {
                    let good = f as usize * LABELS + example.label.index();
                    let bad = f as usize * LABELS + guess.index();
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

/// The weights as little-endian `i16`, scaled so the largest magnitude is 32,767: the
/// embedded format [`super::scores`] reads.
pub fn quantise(weights: &[f64]) -> Vec<u8> {
    let largest = weights.iter().fold(0.0f64, |m, w| m.max(w.abs()));
    let scale = if largest > 0.0 {
        f64::from(i16::MAX) / largest
    } else {
        0.0
    };
    weights
        .iter()
        .flat_map(|w| ((w * scale).round() as i16).to_le_bytes())
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
        let a = quantise(&train(&examples, 5, 1));
        let b = quantise(&train(&examples, 5, 1));
        assert_eq!(a, b);
        for example in &examples {
            let scores = super::super::scores(&a, &example.features);
            assert_eq!(best(&scores), example.label);
        }
    }
}
