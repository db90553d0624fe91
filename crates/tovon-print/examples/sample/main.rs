//! Writes the benchmark's two-page sample document to the file named on the command line
//! (to look at the layout: `cargo run -p tovon-print --example sample -- out.pdf`).

mod document;

use tovon_print::render;

use document::sample;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: sample OUT.pdf");
        std::process::exit(2);
    };
    match render(&sample()).map(|bytes| std::fs::write(&path, bytes)) {
        Ok(Ok(())) => {}
        Ok(Err(error)) => eprintln!("{path}: {error}"),
        Err(error) => eprintln!("{error}"),
    }
}
