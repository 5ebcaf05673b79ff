//! The `meent` binary as an administrator runs it: `admin set-password` takes the password
//! from `MEENT_PASSWORD`, as its help says (the configuration loader used to refuse the
//! variable as an unknown key, so the command never started).

use std::process::{Command, Output, Stdio};

fn meent(dir: &std::path::Path, args: &[&str], password: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_meent"));
    cmd.args(args)
        .current_dir(dir)
        .env(
            "MEENT_DATABASE__URL",
            format!("sqlite://{}/meent.db", dir.display()),
        )
        .env("MEENT_SEARCH__INDEX_DIR", dir.join("search"))
        .env("MEENT_DOCUMENTS__DIR", dir.join("documents"))
        .env("MEENT_LOG__FILTER", "warn")
        .env_remove("MEENT_PASSWORD")
        .env_remove("MEENT_CONFIG")
        // No terminal: a password not taken from the environment would be read as empty.
        .stdin(Stdio::null());
    if let Some(p) = password {
        cmd.env("MEENT_PASSWORD", p);
    }
    cmd.output().expect("meent runs")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn set_password_reads_meent_password() {
    let dir = tempfile::tempdir().expect("tempdir");
    let migrated = meent(dir.path(), &["migrate"], None);
    assert!(migrated.status.success(), "{}", text(&migrated));
    let made = meent(
        dir.path(),
        &["admin", "create-member", "--name", "bea"],
        None,
    );
    assert!(made.status.success(), "{}", text(&made));

    let set = meent(
        dir.path(),
        &["admin", "set-password", "--member", "bea"],
        Some("een lange zin als wachtwoord"),
    );
    assert!(set.status.success(), "{}", text(&set));
    assert!(text(&set).contains("bea can now log in"), "{}", text(&set));

    // Without it, the empty line read from standard input is refused, clearly.
    let unset = meent(
        dir.path(),
        &["admin", "set-password", "--member", "bea"],
        None,
    );
    assert!(!unset.status.success(), "{}", text(&unset));
    assert!(!text(&unset).contains("panicked"), "{}", text(&unset));
}

#[test]
fn two_collectives_cannot_share_a_display_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let migrated = meent(dir.path(), &["migrate"], None);
    assert!(migrated.status.success(), "{}", text(&migrated));
    let create = |name: &str, display: &str| {
        meent(
            dir.path(),
            &[
                "admin",
                "create-collective",
                "--name",
                name,
                "--display-name",
                display,
            ],
            None,
        )
    };
    let first = create("oost", "Bewonerscommissie Oost");
    assert!(first.status.success(), "{}", text(&first));
    let second = create("oost2", " bewonerscommissie oost ");
    assert!(!second.status.success(), "{}", text(&second));
    assert!(
        text(&second).contains("already called Bewonerscommissie Oost")
            || text(&second).contains("already called bewonerscommissie oost"),
        "{}",
        text(&second)
    );
    let listed = meent(dir.path(), &["admin", "list-collectives"], None);
    let out = String::from_utf8_lossy(&listed.stdout).to_string();
    assert_eq!(out.lines().count(), 1, "nothing stored: {out}");
}

#[test]
fn logs_written_to_a_pipe_have_no_colour_codes() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().expect("tempdir");
    // A server on localhost warns at start that it runs in federation debug mode.
    let mut server = Command::new(env!("CARGO_BIN_EXE_meent"))
        .args(["serve"])
        .current_dir(dir.path())
        .env(
            "MEENT_DATABASE__URL",
            format!("sqlite://{}/meent.db", dir.path().display()),
        )
        .env("MEENT_SEARCH__INDEX_DIR", dir.path().join("search"))
        .env("MEENT_DOCUMENTS__DIR", dir.path().join("documents"))
        .env("MEENT_HTTP__BIND", "127.0.0.1:0")
        .env("MEENT_LOG__FILTER", "warn")
        .env_remove("RUST_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("meent serve starts");
    let mut line = String::new();
    let stderr = server.stderr.take().expect("stderr");
    std::io::BufReader::new(stderr)
        .read_line(&mut line)
        .expect("a log line");
    let _ = server.kill();
    let _ = server.wait();
    assert!(line.contains("WARN"), "the warning is logged: {line:?}");
    assert!(!line.contains('\u{1b}'), "no escape codes: {line:?}");
}

#[test]
fn query_strings_stay_out_of_the_request_log() {
    use std::io::{BufRead, Read, Write};
    let dir = tempfile::tempdir().expect("tempdir");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let mut server = Command::new(env!("CARGO_BIN_EXE_meent"))
        .args(["serve"])
        .current_dir(dir.path())
        .env(
            "MEENT_DATABASE__URL",
            format!("sqlite://{}/meent.db", dir.path().display()),
        )
        .env("MEENT_SEARCH__INDEX_DIR", dir.path().join("search"))
        .env("MEENT_DOCUMENTS__DIR", dir.path().join("documents"))
        .env("MEENT_HTTP__BIND", format!("127.0.0.1:{port}"))
        .env("MEENT_INSTANCE__DOMAIN", format!("localhost:{port}"))
        .env("MEENT_LOG__FILTER", "info")
        .env_remove("RUST_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("meent serve starts");
    let mut log = std::io::BufReader::new(server.stderr.take().expect("stderr"));
    let mut line = String::new();
    // Wait until it listens (it logs that), then ask for an invitation link.
    loop {
        line.clear();
        if log.read_line(&mut line).expect("log") == 0 {
            panic!("the server stopped");
        }
        if line.contains("listening") {
            break;
        }
    }
    let mut conn = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        conn,
        "GET /register?invite=geheimecode123 HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n"
    )
    .expect("request");
    let mut answer = String::new();
    let _ = conn.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let logged = loop {
        line.clear();
        if log.read_line(&mut line).expect("log") == 0 {
            panic!("the server stopped");
        }
        if line.contains("/register") {
            break line.clone();
        }
    };
    let _ = server.kill();
    let _ = server.wait();
    assert!(logged.contains("GET /register"), "{logged}");
    assert!(
        !logged.contains("geheimecode123"),
        "the code is not logged: {logged}"
    );
}
