//! Times the status table of an existing ledger: `cargo run --release -p
//! luoshi-store --example status_once -- DB YYYY-MM-DD` (see the status_scale
//! bench's `LUOSHI_BENCH_KEEP=1` for a loaded ledger).

use luoshi_store::{Store, TaskFilter};
use std::time::Instant;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(db), Some(date)) = (args.first(), args.get(1)) else {
        eprintln!("usage: status_once DB YYYY-MM-DD");
        std::process::exit(2);
    };
    let as_of = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("a date YYYY-MM-DD");
    let store = Store::open(db).await.expect("open the ledger");
    for _ in 0..5 {
        let started = Instant::now();
        let table = store.status(&TaskFilter::default(), as_of).await.expect("status");
        println!("{} tasks in {:.3} s", table.tasks.len(), started.elapsed().as_secs_f64());
    }
}
