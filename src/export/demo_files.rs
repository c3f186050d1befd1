//! The demo's attached files: the attendance sheet of its first meeting as it comes
//! back signed (the sheet Agora prints, marked « feuille d'émargement signée »), and
//! a photo of a wall of post-its from a workshop (an image drawn here).

use chrono::NaiveDate;

use super::ExportError;
use super::meeting::attendance_sheet_document;
use crate::domain::attachment::Owner;
use crate::domain::codes::MeetingKind;
use crate::store::{Store, StoreError};

/// Attaches the demo's files to its convention's first plenary session (the signed
/// sheet) and first workshop (the photo). Returns how many.
pub fn attach_demo_files(store: &mut Store, today: NaiveDate) -> Result<usize, ExportError> {
    let Some(convention) = store.conventions()?.first().map(|c| c.id) else {
        return Ok(0);
    };
    let meetings = store.meetings_of(Some(convention))?;
    let plenary = meetings.iter().find(|m| m.kind == MeetingKind::Plenary);
    let workshop = meetings.iter().find(|m| m.kind == MeetingKind::Workshop);
    let (Some(first), Some(second)) = (plenary, workshop) else {
        return Ok(0);
    };
    let record = store.meeting_record(first.id)?;
    let letterhead = store.settings()?.letterhead();
    let sheet = attendance_sheet_document(store, &record, false, &letterhead, today)?;
    let pdf = crate::report::layout::render(&sheet)?;
    let signed = store.attach_bytes(Owner::Meeting(first.id), "emargement-signe-scan.pdf", &pdf)?;
    store.set_signed_sheet(signed.id, true)?;
    store.attach_bytes(
        Owner::Meeting(second.id),
        "mur-de-post-it.png",
        &post_it_wall().map_err(|e| StoreError::Refused(e.to_string()))?,
    )?;
    Ok(2)
}

/// A 640 × 420 picture of coloured notes on a wall, each with a few lines of
/// « handwriting ».
fn post_it_wall() -> Result<Vec<u8>, png::EncodingError> {
    const W: usize = 640;
    const H: usize = 420;
    let mut px = vec![0u8; W * H * 3];
    let mut put = |x: usize, y: usize, c: [u8; 3]| {
        if x < W && y < H {
            px[(y * W + x) * 3..(y * W + x) * 3 + 3].copy_from_slice(&c);
        }
    };
    for y in 0..H {
        for x in 0..W {
            // A light wall with a faint grain.
            let g = 226 + ((x * 7 + y * 13) % 9) as u8;
            put(x, y, [g, g - 6, g - 16]);
        }
    }
    let colours = [
        [250, 224, 90],
        [246, 160, 190],
        [150, 220, 150],
        [140, 196, 240],
    ];
    let mut seed = 7u32;
    let mut next = || {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (seed >> 16) as usize
    };
    for row in 0..4 {
        for col in 0..7 {
            let x0 = 24 + col * 86 + next() % 10;
            let y0 = 22 + row * 98 + next() % 10;
            let c = colours[(row * 7 + col + next()) % colours.len()];
            for y in y0..y0 + 72 {
                for x in x0..x0 + 72 {
                    put(x, y, c);
                }
            }
            for line in 0..3 {
                let y = y0 + 18 + line * 16;
                let len = 30 + next() % 30;
                for x in x0 + 8..x0 + 8 + len {
                    let wobble = (x / 3 + line) % 3;
                    put(x, y + wobble, [40, 40, 70]);
                }
            }
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, W as u32, H as u32);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&px)?;
    writer.finish()?;
    Ok(out)
}
