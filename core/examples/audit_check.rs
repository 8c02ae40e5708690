//! Issue 7 measured: the audit trail's chain check, first and later.
//!
//! Each run unlocks the register (untimed, as it already is in the app's
//! window) and times, as the shell does them: handing out the first check
//! under the session (`audit_chain_step`), its walk apart (the whole log, on
//! a second connection), keeping where it got to (under the session); then
//! a later check with nothing new, and one after a case is added (both
//! carried on, on the register's own connection). Last, the whole walk on
//! the register's own connection, as every check was before issue 7.
//!
//! Usage (on a COPY of a register: a case is added each run):
//! `CASEREVIEW_PASSPHRASE=... cargo run --release -p casereview-core
//! --example audit_check -- <register copy> [runs]`

use std::path::PathBuf;
use std::time::Instant;

use casereview_core::audit_view::AuditChainStep;
use casereview_core::remember::NoKeyStore;
use casereview_core::{CaseInput, DateInput, Error, Result, Session};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: audit_check <register copy> [runs]");
        std::process::exit(2);
    };
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(3);
    let passphrase = std::env::var("CASEREVIEW_PASSPHRASE").unwrap_or_default();
    let path = PathBuf::from(path);
    for run in 1..=runs {
        let mut session = Session::at(path.clone(), path.clone(), Box::new(NoKeyStore));
        session.unlock(&passphrase)?;
        let register = session.register()?;

        let begun = Instant::now();
        let AuditChainStep::Apart(check) = register.audit_chain_step()? else {
            return Err(Error::Internal("the first check was not apart".into()));
        };
        let handed_out = begun.elapsed();
        let begun = Instant::now();
        let checked = check.run()?;
        let walked = begun.elapsed();
        let begun = Instant::now();
        let first = checked.remember_in(&mut session);
        let kept = begun.elapsed();

        let register = session.register()?;
        let begun = Instant::now();
        let AuditChainStep::Done(nothing_new) = register.audit_chain_step()? else {
            return Err(Error::Internal("the later check was apart".into()));
        };
        let later = begun.elapsed();
        register.create_case(
            &CaseInput {
                code: format!("Bench audit {run} {}", std::process::id()),
                kind: "child".into(),
                referred_on: DateInput::from_iso("2025-05-01").unwrap_or_default(),
                referrer: "Police".into(),
                summary: "Added by the audit_check example".into(),
            },
            chrono::Utc::now().date_naive(),
        )?;
        let begun = Instant::now();
        let AuditChainStep::Done(one_new) = register.audit_chain_step()? else {
            return Err(Error::Internal("the later check was apart".into()));
        };
        let after_a_case = begun.elapsed();
        // Unlocked again: nothing remembered, so the walk is whole.
        session.lock()?;
        session.unlock(&passphrase)?;
        let begun = Instant::now();
        let whole = session.register()?.audit_chain_status()?;
        let whole_in_place = begun.elapsed();

        assert!(first.ok && nothing_new.ok && one_new.ok && whole.ok);
        assert_eq!(nothing_new.verified, first.verified);
        assert_eq!(one_new.verified, whole.verified);
        println!(
            "run {run}: {} entries; first check: handed out {:.1} ms, walked apart {:.3} s, kept {:.2} ms; later, nothing new {:.2} ms; after a case {:.2} ms; whole walk in place {:.3} s",
            first.verified,
            ms(handed_out),
            walked.as_secs_f64(),
            ms(kept),
            ms(later),
            ms(after_a_case),
            whole_in_place.as_secs_f64()
        );
    }
    Ok(())
}

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
