//! Test support: prints exported workbooks and documents to PDF with
//! LibreOffice headless, as a board member's office suite would, so the
//! export and report tests can read back what would come out of the printer.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Converts `files` to PDF with LibreOffice in `out` (its own profile, so
/// runs in parallel do not share one) and returns the PDFs.
pub fn libreoffice_pdfs(files: &[PathBuf], out: &Path) -> Vec<PathBuf> {
    let profile = tempfile::tempdir().expect("profile dir");
    let status = Command::new("libreoffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out)
        .args(files)
        .status()
        .expect("LibreOffice is installed (scripts/setup.sh test installs it)");
    assert!(status.success(), "LibreOffice failed: {status}");
    files
        .iter()
        .map(|f| {
            let pdf = out.join(f.with_extension("pdf").file_name().expect("name"));
            let size = std::fs::metadata(&pdf).map(|m| m.len()).unwrap_or(0);
            assert!(
                size > 1000,
                "{} should be a real PDF, is {size} bytes (are LibreOffice Calc and Writer installed?)",
                pdf.display()
            );
            pdf
        })
        .collect()
}
