#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]
//! The `agora` binary: the window, or a headless command (see `agora --help`).

fn main() -> std::process::ExitCode {
    agora::cli::main()
}
