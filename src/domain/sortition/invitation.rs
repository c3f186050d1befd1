//! The invitation sample, the first stage of a draw: N rows drawn at random from a list
//! (addresses, a directory selection), optionally in proportion to a column such as the
//! sector, with the named generator so that the same list and seed give the same sample.

use chrono::NaiveDate;

use super::seed::Draws;

/// A sample as recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct InvitationSample {
    pub id: i64,
    pub list_name: String,
    pub list_sha256: String,
    pub list_rows: u32,
    /// The column the sample is proportional to, empty for a plain sample.
    pub stratum: String,
    pub seed: String,
    pub drawn_on: NaiveDate,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// How many rows each stratum gets: its share of `n`, by largest remainders (ties to the
/// first stratum), never more than it has.
pub fn allocate(sizes: &[usize], n: usize) -> Vec<usize> {
    let total: usize = sizes.iter().sum();
    if total == 0 {
        return vec![0; sizes.len()];
    }
    let n = n.min(total);
    let mut out: Vec<usize> = sizes.iter().map(|&s| s * n / total).collect();
    let mut order: Vec<usize> = (0..sizes.len()).collect();
    // Largest remainder first; a stable sort keeps ties in list order.
    order.sort_by_key(|&i| std::cmp::Reverse(sizes[i] * n % total));
    let mut left = n - out.iter().sum::<usize>();
    for i in order.into_iter().cycle() {
        if left == 0 {
            break;
        }
        if out[i] < sizes[i] {
            out[i] += 1;
            left -= 1;
        }
    }
    out
}

/// Draws `n` of the rows, each row's stratum given by `strata` (one label a row; all
/// equal for a plain sample). Returns the rows drawn, in list order.
pub fn sample(strata: &[String], n: usize, seed: &str) -> Vec<usize> {
    let mut labels: Vec<&str> = strata.iter().map(String::as_str).collect();
    labels.sort_unstable();
    labels.dedup();
    let members: Vec<Vec<usize>> = labels
        .iter()
        .map(|l| (0..strata.len()).filter(|&r| strata[r] == *l).collect())
        .collect();
    let counts = allocate(&members.iter().map(Vec::len).collect::<Vec<_>>(), n);
    let mut draws = Draws::new(seed);
    let mut out = Vec::with_capacity(n);
    for (mut rows, take) in members.into_iter().zip(counts) {
        draws.shuffle(&mut rows);
        out.extend_from_slice(&rows[..take]);
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocation_follows_the_shares_and_sums_to_n() {
        assert_eq!(allocate(&[500, 300, 200], 10), vec![5, 3, 2]);
        assert_eq!(allocate(&[1, 1, 1], 2), vec![1, 1, 0]);
        assert_eq!(
            allocate(&[3, 0], 10),
            vec![3, 0],
            "never more than the list"
        );
        let a = allocate(&[137, 411, 52, 400], 333);
        assert_eq!(a.iter().sum::<usize>(), 333);
        for (got, size) in a.iter().zip([137, 411, 52, 400]) {
            let exact = size as f64 * 333.0 / 1000.0;
            assert!((*got as f64 - exact).abs() < 1.0);
        }
    }

    #[test]
    fn the_same_list_and_seed_give_the_same_sample_in_proportion() {
        let strata: Vec<String> = (0..1000)
            .map(|i| format!("Secteur {}", 1 + i % 4))
            .collect();
        let a = sample(&strata, 100, "invitations 2026");
        assert_eq!(a, sample(&strata, 100, "invitations 2026"));
        assert_ne!(a, sample(&strata, 100, "autre graine"));
        assert_eq!(a.len(), 100);
        let mut unique = a.clone();
        unique.dedup();
        assert_eq!(unique.len(), 100, "no row twice, in list order");
        for s in 1..=4 {
            let drawn = a
                .iter()
                .filter(|&&r| strata[r] == format!("Secteur {s}"))
                .count();
            assert_eq!(drawn, 25);
        }
    }
}
