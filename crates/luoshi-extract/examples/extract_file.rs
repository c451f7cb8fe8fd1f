//! Extracts one UTF-8 text file and prints the JSON (for scoring the library
//! alone: `cargo run --release -p luoshi-extract --example extract_file FILE`).

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: extract_file FILE [YEAR]");
        std::process::exit(2);
    };
    let year = std::env::args().nth(2).and_then(|y| y.parse().ok());
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let source = std::path::Path::new(&path).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let x =
        luoshi_extract::extract(&luoshi_text::PlainText::from_text(text), &luoshi_extract::Options { source, year });
    println!("{}", serde_json::to_string(&x).expect("serialisable"));
}
