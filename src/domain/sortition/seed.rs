//! The named generator every random choice of a draw flows from: ChaCha20 (the
//! `rand_chacha` crate's `ChaCha20Rng`) seeded with the SHA-256 of the seed text in
//! UTF-8, and whole numbers below `n` by rejection sampling on 64-bit outputs. The same
//! seed gives the same choices on every machine.

use rand_chacha::ChaCha20Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use sha2::{Digest, Sha256};

/// How the generator is described in the procès-verbal and the portfolio file.
pub const GENERATOR: &str = "ChaCha20 (rand_chacha 0.9, ChaCha20Rng) initialisé avec le SHA-256 du texte de la graine (UTF-8) ; \
    entier de 0 à n − 1 par rejet : on tire un entier de 64 bits v jusqu'à ce que v < n × ⌊2⁶⁴ / n⌋, puis v mod n";

/// A deterministic stream of choices from a seed text.
pub struct Draws(ChaCha20Rng);

impl Draws {
    /// The stream of a seed text.
    pub fn new(seed: &str) -> Draws {
        Draws(ChaCha20Rng::from_seed(sha256(seed.as_bytes())))
    }

    /// A whole number in `0..n`, uniform. `n` must be positive.
    pub fn below(&mut self, n: u64) -> u64 {
        assert!(n > 0, "below(0) has no value");
        let zone = (u64::MAX / n) * n;
        loop {
            let v = self.0.next_u64();
            if v < zone {
                return v % n;
            }
        }
    }

    /// Shuffles a slice (Fisher–Yates, from the end).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }
}

/// SHA-256 of bytes.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// SHA-256 of bytes, in lower-case hexadecimal.
pub fn sha256_hex(bytes: &[u8]) -> String {
    crate::domain::text::hex(&sha256(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_numbers() {
        let a: Vec<u64> = (0..20)
            .map({
                let mut d = Draws::new("climat-2026");
                move |_| d.below(1000)
            })
            .collect();
        let b: Vec<u64> = (0..20)
            .map({
                let mut d = Draws::new("climat-2026");
                move |_| d.below(1000)
            })
            .collect();
        assert_eq!(a, b);
        assert!(a.iter().all(|&x| x < 1000));
        let mut other = Draws::new("climat-2027");
        assert_ne!(a, (0..20).map(|_| other.below(1000)).collect::<Vec<_>>());
    }

    #[test]
    fn sha256_of_a_known_text() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
