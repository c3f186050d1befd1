//! The organisation's logo printed on the cover of dossiers and reports: which image
//! formats are accepted and how large a file may be.

use super::DomainError;

/// The largest logo file accepted (a logo is small; a photo by mistake is not).
pub const MAX_BYTES: usize = 2 * 1024 * 1024;

/// An accepted image format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
}

impl ImageKind {
    /// The format of `bytes`, from their first bytes.
    pub fn of(bytes: &[u8]) -> Option<ImageKind> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(ImageKind::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(ImageKind::Jpeg)
        } else {
            None
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Jpeg => "jpg",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            ImageKind::Png => "image/png",
            ImageKind::Jpeg => "image/jpeg",
        }
    }
}

/// Checks a logo file before it is kept: a PNG or JPEG image of at most 2 MB.
pub fn check(bytes: &[u8]) -> Result<ImageKind, DomainError> {
    if bytes.len() > MAX_BYTES {
        return Err(DomainError::LogoTooLarge(bytes.len().div_ceil(1024)));
    }
    ImageKind::of(bytes).ok_or(DomainError::LogoNotAnImage)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_small_png_and_jpeg_files_are_logos() {
        assert_eq!(check(b"\x89PNG\r\n\x1a\nrest"), Ok(ImageKind::Png));
        assert_eq!(check(&[0xFF, 0xD8, 0xFF, 0xE0]), Ok(ImageKind::Jpeg));
        assert!(check(b"Nom;Prenom\n").is_err());
        let big = [&b"\x89PNG\r\n\x1a\n"[..], &vec![0u8; MAX_BYTES]].concat();
        assert!(check(&big).unwrap_err().to_string().contains("Ko"));
    }
}
