//! A real SMTP server on loopback for tests (the `mailin-embedded` library, in this
//! process): it accepts every mail and keeps what arrived, so a test reads exactly what
//! Meent's SMTP client sent over the wire. It can be started on a port reserved earlier,
//! so a test can queue mail while nothing listens there yet.

use std::{
    net::{IpAddr, SocketAddr, TcpListener},
    sync::{Arc, Mutex},
};

/// A mail as the server received it.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    pub from: String,
    pub to: Vec<String>,
    /// The message as sent (headers and body, CRLF line ends).
    pub data: Vec<u8>,
}

impl ReceivedMail {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.data).into_owned()
    }
}

type Inbox = Arc<Mutex<Vec<ReceivedMail>>>;

#[derive(Clone)]
struct Collector {
    inbox: Inbox,
    current: Option<ReceivedMail>,
}

impl mailin_embedded::Handler for Collector {
    fn data_start(
        &mut self,
        _domain: &str,
        from: &str,
        _is8bit: bool,
        to: &[String],
    ) -> mailin_embedded::Response {
        self.current = Some(ReceivedMail {
            from: from.to_owned(),
            to: to.to_vec(),
            data: Vec::new(),
        });
        mailin_embedded::response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        if let Some(m) = &mut self.current {
            m.data.extend_from_slice(buf);
        }
        Ok(())
    }

    fn data_end(&mut self) -> mailin_embedded::Response {
        if let Some(m) = self.current.take() {
            self.inbox.lock().unwrap_or_else(|e| e.into_inner()).push(m);
        }
        mailin_embedded::response::OK
    }

    fn helo(&mut self, _ip: IpAddr, _domain: &str) -> mailin_embedded::Response {
        mailin_embedded::response::OK
    }
}

/// A port on loopback nothing listens on (yet): for an SMTP server that is "down".
pub fn free_port() -> anyhow::Result<u16> {
    let l = TcpListener::bind("127.0.0.1:0")?;
    Ok(l.local_addr()?.port())
}

/// The running server. Its thread runs until the test process ends.
pub struct SmtpSink {
    pub addr: SocketAddr,
    inbox: Inbox,
}

impl SmtpSink {
    /// Starts on a free port.
    pub fn start() -> anyhow::Result<SmtpSink> {
        SmtpSink::start_on(0)
    }

    /// Starts on `port` (0: any free one).
    pub fn start_on(port: u16) -> anyhow::Result<SmtpSink> {
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        let addr = listener.local_addr()?;
        let inbox: Inbox = Arc::default();
        let mut server = mailin_embedded::Server::new(Collector {
            inbox: inbox.clone(),
            current: None,
        });
        server
            .with_name("sink.test")
            .with_num_threads(2)
            .with_tcp_listener(listener);
        std::thread::spawn(move || {
            if let Err(e) = server.serve() {
                eprintln!("test SMTP server stopped: {e}");
            }
        });
        Ok(SmtpSink { addr, inbox })
    }

    /// Every mail received so far, in order.
    pub fn mails(&self) -> Vec<ReceivedMail> {
        self.inbox.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The mails received for `address`.
    pub fn mails_to(&self, address: &str) -> Vec<ReceivedMail> {
        self.mails()
            .into_iter()
            .filter(|m| m.to.iter().any(|t| t.eq_ignore_ascii_case(address)))
            .collect()
    }

    /// Settings for Meent's `[mail]` section that send here.
    pub fn configure(port: u16, config: &mut meent_server::Config) {
        config.mail.smtp_host = "127.0.0.1".into();
        config.mail.smtp_port = port;
        config.mail.security = "none".into();
        config.mail.from = "Meent test <meent@sink.test>".into();
        config.mail.poll_interval_secs = 1;
        config.mail.retry_base_secs = 1;
        config.mail.retry_max_secs = 2;
        config.mail.timeout_secs = 5;
    }
}
