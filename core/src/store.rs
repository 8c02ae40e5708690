//! Opening the encrypted SQLite file: the SQLCipher key, connection settings,
//! telling a wrong passphrase from a file that is not a register, and the
//! transaction helper. Nothing outside the core opens SQLite.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode as SqliteCode, OpenFlags, Transaction};
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::migrations;

/// The first 16 bytes of every unencrypted SQLite file. An encrypted register
/// starts with random salt instead, so finding these means "not ours".
const PLAIN_SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";
/// SQLCipher's page size, which the app never changes: every register and
/// backup is a whole number of these.
const PAGE_SIZE: u64 = 4096;

/// Creates a new encrypted database at `path` and brings it to the latest schema.
/// The caller has checked that nothing exists at `path`.
pub fn create(path: &Path, passphrase: &str) -> Result<Connection> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags)?;
    key(&conn, passphrase)?;
    configure(&conn)?;
    migrations::migrate(&mut conn)?;
    restrict_permissions(path)?;
    Ok(conn)
}

/// Opens an existing register with its passphrase, refusing files that are not
/// registers, wrong passphrases and registers from a newer version, in each case
/// before anything is written to the file.
pub fn open(path: &Path, passphrase: &str) -> Result<Connection> {
    check_header(path)?;
    // SQLite would quietly open a write-protected file read-only and fail
    // at the first change; say so before anything else.
    if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        return Err(Error::ReadOnly(path.display().to_string()));
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags)?;
    key(&conn, passphrase)?;
    probe(&conn)?;
    migrations::refuse_newer(&conn)?;
    // An older register is copied into its backup folder before any
    // migration touches it (issue 6).
    crate::backup::automatic::before_migration(&conn, path, passphrase)?;
    configure(&conn)?;
    migrations::migrate(&mut conn)?;
    Ok(conn)
}

/// Opens a register or backup to look at it only: checks the file, the
/// passphrase and the schema version, and never migrates or writes.
pub fn open_read_only(path: &Path, passphrase: &str) -> Result<Connection> {
    check_header(path)?;
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    key(&conn, passphrase)?;
    probe(&conn)?;
    migrations::refuse_newer(&conn)?;
    Ok(conn)
}

/// Opens the empty file at `path`, keyed with `passphrase`, as the destination
/// of an online backup: the copy is encrypted page by page as it is written.
pub fn open_backup_target(path: &Path, passphrase: &str) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    key(&conn, passphrase)?;
    Ok(conn)
}

/// An unencrypted in-memory database with the full schema, for tests.
pub fn open_in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    migrations::migrate(&mut conn)?;
    Ok(conn)
}

/// Runs `f` in a transaction: commits when it returns `Ok`, rolls back otherwise.
pub fn with_tx<T>(conn: &mut Connection, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
    let tx = conn.transaction()?;
    let value = f(&tx)?;
    tx.commit()?;
    Ok(value)
}

/// SQLCipher only derives the key and decrypts on first read; a wrong key
/// surfaces here as "file is not a database", which we name for what it is.
fn probe(conn: &Connection) -> Result<()> {
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(|e| match e.sqlite_error_code() {
        Some(SqliteCode::NotADatabase) => Error::WrongPassphrase,
        // A file cut short, or damaged past its first page, is named as
        // damaged (with advice to restore), not as a database error.
        _ => Error::from(e),
    })?;
    Ok(())
}

fn key(conn: &Connection, passphrase: &str) -> Result<()> {
    // SQLCipher otherwise prints its own errors (an HMAC failure on a wrong
    // passphrase) to stderr; we report those ourselves, in words.
    conn.pragma_update(None, "cipher_log_level", "NONE")?;
    conn.execute_batch(&key_statement(passphrase))?;
    Ok(())
}

/// `PRAGMA key = '...'` for `passphrase`, in memory that is wiped when it is
/// dropped. `pragma_update` would build the same text in a plain `String`
/// and free it unwiped, leaving the passphrase in the heap. Quotes are
/// doubled, so a passphrase cannot break out of the SQL string literal. The
/// copy SQLite makes while parsing is its own to free; SQLCipher wipes the
/// key it derives when the connection closes.
fn key_statement(passphrase: &str) -> Zeroizing<String> {
    const HEAD: &str = "PRAGMA key = '";
    // Room for every quote doubled, so the string never reallocates and
    // leaves an unwiped copy behind.
    let mut sql = Zeroizing::new(String::with_capacity(HEAD.len() + 2 * passphrase.len() + 1));
    sql.push_str(HEAD);
    for c in passphrase.chars() {
        if c == '\'' {
            sql.push('\'');
        }
        sql.push(c);
    }
    sql.push('\'');
    sql
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // FULL: a chair's laptop may lose power mid-meeting; a committed change
    // must survive that.
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Temporary tables, indices and sort files in memory, never in a
    // temporary file on disk beside the encrypted register.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // SQLCipher decrypts and checks every page as it enters the page cache.
    // SQLite's default cache (2 MB, 500 pages) is a sliver of a ten-year
    // register (about 470 MB), so reading the whole tracker decrypted the
    // same pages again and again. 64 MB is a ceiling, not an allocation.
    conn.pragma_update(None, "cache_size", -64 * 1024)?;
    Ok(())
}

/// Refuses a missing file, a plain SQLite file and one too short to be a
/// register, by its first bytes alone.
pub fn check_header(path: &Path) -> Result<()> {
    let shown = path.display().to_string();
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Error::NoRegister(shown)),
        Err(e) => return Err(Error::io(path, e)),
    };
    let mut header = [0u8; 16];
    // A register is whole pages; anything else (a document, a file cut off
    // mid-page) is not one, and SQLCipher would only call it a wrong
    // passphrase.
    let whole_pages = file
        .metadata()
        .map(|m| m.len() >= PAGE_SIZE && m.len().is_multiple_of(PAGE_SIZE))
        .map_err(|e| Error::io(path, e))?;
    match file.read_exact(&mut header) {
        Ok(()) if &header == PLAIN_SQLITE_HEADER => Err(Error::NotARegister(shown)),
        Ok(()) if !whole_pages => Err(Error::NotARegister(shown)),
        Ok(()) => Ok(()),
        // Shorter than one header: an empty or truncated file, not a register.
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Err(Error::NotARegister(shown)),
        Err(e) => Err(Error::io(path, e)),
    }
}

#[cfg(unix)]
fn restrict_permissions(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
        .map_err(|e| Error::io(path, e))
}

#[cfg(not(unix))]
fn restrict_permissions(_path: &Path) -> Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_statement_quotes_the_passphrase_without_ever_growing() {
        let quoted = "it's a 'test'";
        let sql = key_statement(quoted);
        assert_eq!(sql.as_str(), "PRAGMA key = 'it''s a ''test'''");
        let worst = key_statement("''''");
        assert_eq!(worst.as_str(), "PRAGMA key = ''''''''''");
        assert_eq!(worst.capacity(), worst.len(), "sized once, never copied");
        // The type is what wipes it on drop.
        let _: Zeroizing<String> = key_statement("x");
    }

    #[test]
    fn a_passphrase_with_quotes_and_semicolons_opens_its_register() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("r.casereview");
        let odd = "it's'; DROP TABLE meta; --";
        drop(create(&path, odd).expect("create"));
        drop(open(&path, odd).expect("opens with it"));
        assert!(matches!(open(&path, "it's"), Err(Error::WrongPassphrase)));
    }
}
