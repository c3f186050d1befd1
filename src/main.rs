#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]
//! The `agora` binary: the window, or a headless command (see `agora --help`).

fn main() -> std::process::ExitCode {
    #[cfg(windows)]
    attach_parent_console();
    agora::cli::main()
}

/// On Windows the release binary is a GUI program (no console window opens behind
/// Agora), so it starts without a console: started from a terminal (`agora check`),
/// it prints in that terminal; with its output redirected to a file, it leaves it be.
#[cfg(windows)]
fn attach_parent_console() {
    unsafe extern "system" {
        fn GetStdHandle(which: u32) -> *mut core::ffi::c_void;
        fn AttachConsole(process: u32) -> i32;
    }
    const STD_OUTPUT_HANDLE: u32 = -11i32 as u32;
    const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
    // SAFETY: both take plain values and change only this process's console; a
    // failure (no parent console) leaves the process as it was.
    unsafe {
        if GetStdHandle(STD_OUTPUT_HANDLE).is_null() {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}
