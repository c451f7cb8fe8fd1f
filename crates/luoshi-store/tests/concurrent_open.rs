//! Several processes opening one fresh SQLite ledger at once (a web server
//! and a CLI command, say) all get in: the schema is migrated once, and
//! nobody fails with "database is locked".

use luoshi_store::Store;

/// Opens the ledger on a runtime of its own, as a separate process would.
fn open_and_list(path: String) -> Result<usize, String> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let store = Store::open(&path).await.map_err(|e| e.to_string())?;
        store.documents().await.map(|d| d.len()).map_err(|e| e.to_string())
    })
}

#[test]
fn a_fresh_sqlite_ledger_opened_by_several_at_once() {
    let root = std::env::temp_dir().join(format!("luoshi-concurrent-open-{}", std::process::id()));
    for round in 0..25 {
        let dir = root.join(round.to_string());
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("ledger.db").display().to_string();
        let openers: Vec<_> = (0..4)
            .map(|_| {
                let path = path.clone();
                std::thread::spawn(move || open_and_list(path))
            })
            .collect();
        for opener in openers {
            let documents = opener.join().unwrap().unwrap_or_else(|e| panic!("round {round}: {e}"));
            assert_eq!(documents, 0);
        }
    }
    let _ = std::fs::remove_dir_all(&root);
}
