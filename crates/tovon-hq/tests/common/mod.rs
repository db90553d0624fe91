//! What the head office's tests (and benchmarks) share: a scratch database of their own on
//! the server `make test` or `make bench` starts.

use postgres::{Client, NoTls};

/// A database made for one test, dropped with it.
pub struct Scratch {
    server: String,
    name: String,
}

impl Scratch {
    pub fn new(tag: &str) -> Scratch {
        let server = std::env::var("TOVON_HQ_DATABASE_URL")
            .expect("TOVON_HQ_DATABASE_URL names the PostgreSQL server for these tests: run `make test` or `make bench`, which start one");
        // Tests of one binary run at once: each its own name.
        static MADE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let made = MADE.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let name = format!("tovon_hq_test_{tag}_{}_{made}", std::process::id());
        let mut admin = Client::connect(&server, NoTls).expect("the test server");
        // One statement a call: DROP and CREATE DATABASE run outside a transaction block.
        admin
            .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .expect("no leftover database");
        admin.batch_execute(&format!("CREATE DATABASE {name}")).expect("a scratch database");
        Scratch { server, name }
    }

    /// The scratch database's connection string (a libpq key=value string's later key wins).
    pub fn url(&self) -> String {
        format!("{} dbname={}", self.server, self.name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Ok(mut admin) = Client::connect(&self.server, NoTls) {
            let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        }
    }
}
