//! A histogram of selection probabilities drawn with plain containers: one bar per
//! probability band and per method, side by side, so that LEXIMIN and LEGACY compare
//! at a glance.

use iced::widget::{Space, column, container, row, text};
use iced::{Alignment, Background, Color, Element, Length};

use crate::domain::text as fr;
use crate::ui::theme;

/// Bands of the histogram.
const BANDS: usize = 12;
/// The tallest bar, in pixels.
const HEIGHT: f32 = 140.0;

/// One series: its name, its colour and the probabilities.
pub struct Series<'a> {
    pub name: &'static str,
    pub color: Color,
    pub values: &'a [f64],
}

fn bar<'a, M: 'a>(height: f32, color: Color) -> Element<'a, M> {
    container(Space::new())
        .width(Length::Fixed(16.0))
        .height(Length::Fixed(height.max(1.0)))
        .style(move |_| container::Style {
            background: Some(Background::Color(color)),
            ..container::Style::default()
        })
        .into()
}

/// How many values fall in each band of [0, top].
fn counts(values: &[f64], top: f64) -> Vec<usize> {
    let mut c = vec![0; BANDS];
    for &v in values {
        let i = ((v / top) * BANDS as f64).floor() as usize;
        c[i.min(BANDS - 1)] += 1;
    }
    c
}

/// The histogram, with the bands' bounds under it.
pub fn histogram<'a, M: 'a>(series: &[Series<'_>]) -> Element<'a, M> {
    let top = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .fold(0.0f64, f64::max)
        .max(1e-9);
    let all: Vec<Vec<usize>> = series.iter().map(|s| counts(s.values, top)).collect();
    let tallest = all.iter().flatten().copied().max().unwrap_or(1).max(1) as f32;
    let mut bars = row![].spacing(14).align_y(Alignment::End);
    let mut labels = row![].spacing(14);
    for band in 0..BANDS {
        let mut group = row![].spacing(1).align_y(Alignment::End);
        for (s, c) in series.iter().zip(&all) {
            group = group.push(bar(HEIGHT * c[band] as f32 / tallest, s.color));
        }
        bars = bars.push(container(group).width(Length::Fixed(16.0 * series.len() as f32 + 2.0)));
        let low = top * band as f64 / BANDS as f64;
        labels = labels.push(
            text(if band % 2 == 0 {
                tf!("{:.2}", low).replace('.', ",")
            } else {
                String::new()
            })
            .size(11)
            .color(theme::MUTED)
            .width(Length::Fixed(16.0 * series.len() as f32 + 2.0)),
        );
    }
    let mut legend = row![].spacing(16);
    for s in series {
        let (lo, hi) = s
            .values
            .iter()
            .fold((1.0f64, 0.0f64), |(a, b), &v| (a.min(v), b.max(v)));
        legend = legend.push(
            row![
                bar::<M>(10.0, s.color),
                text(s.name).size(13).font(crate::ui::widget::bold()),
                text(tf!("de {} à {}", fr::decimal(lo), fr::decimal(hi))).size(13)
            ]
            .spacing(6)
            .align_y(Alignment::Center),
        );
    }
    column![
        bars,
        labels,
        text("Probabilité de sélection (nombre de volontaires par tranche)")
            .size(12)
            .color(theme::MUTED),
        legend
    ]
    .spacing(4)
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_lands_in_a_band_the_highest_in_the_last() {
        let c = counts(&[0.0, 0.05, 0.5, 1.0], 1.0);
        assert_eq!(c.iter().sum::<usize>(), 4);
        assert_eq!(c[0], 2);
        assert_eq!(c[BANDS - 1], 1);
    }
}
