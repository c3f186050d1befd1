//! The support log: what Agora did and what failed, one file a day in the data
//! folder's `journal-technique/` (the last 30 days kept), so that a support request
//! can be answered from it. It names records by their numbers and errors by their
//! kind, never a person, a path or a text someone typed: it may be sent to support
//! as it is. The store's own journal (who changed what) is a different thing and stays
//! in the store.

use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{Builder, Rotation};

/// The log's folder in a data folder.
pub const FOLDER: &str = "journal-technique";

/// Starts logging to the data folder's support log; logging stops, flushed, when the
/// returned guard is dropped. `None` when the folder cannot be written: Agora then
/// works without a log.
pub fn start(data_dir: &Path) -> Option<WorkerGuard> {
    let dir = data_dir.join(FOLDER);
    crate::files::create_private_dir(&dir).ok()?;
    let appender = Builder::new()
        .rotation(Rotation::DAILY)
        .filename_prefix("agora")
        .filename_suffix("log")
        .max_log_files(30)
        .build(&dir)
        .ok()?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_target(false)
        .with_max_level(tracing::Level::INFO)
        .try_init()
        .ok()?;
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // The place only: a panic's message may quote data.
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        tracing::error!(at, "panic");
        default_hook(info);
    }));
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "start");
    Some(guard)
}
