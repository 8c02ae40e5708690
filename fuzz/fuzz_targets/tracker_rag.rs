//! Fuzzes how a tracker's RAG and status cells are read: any text, and any
//! fill colour. A rating, "none" or the words as written, never a panic; a
//! cell rated between two ratings names two different ones.
#![no_main]

use casereview_core::import::rag::{from_fill, from_word, RagWord};
use casereview_core::import::status;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let [red, green, blue, ..] = data {
        let _ = from_fill(*red, *green, *blue);
    }
    let text = String::from_utf8_lossy(data);
    match from_word(&text) {
        RagWord::Rated {
            rag,
            between: Some(other),
        } => assert_ne!(rag, other, "{text:?} rated between a rating and itself"),
        RagWord::Unknown(words) => assert!(!words.is_empty() || text.trim().is_empty()),
        _ => {}
    }
    let _ = status::from_word(&text);
});
