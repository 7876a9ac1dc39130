//! Fault injection, slow clients: 10 000 connections that send nothing, slowloris headers (a
//! byte at a time) and a slow body, against the real binary, while another client bundles and
//! asks for health. The others are answered within their timeouts, the slow ones are closed
//! (headers) or get 408 (body) when theirs run out, and the sockets are given back.

mod support;

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use support::*;

const HEADER_TIMEOUT_MS: u64 = 1500;
const BODY_TIMEOUT_MS: u64 = 2000;
const IDLE_CONNECTIONS: usize = 10_000;

fn connect(port: u16) -> TcpStream {
    let stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    stream
}

/// Whether the server closed `stream` (EOF or reset); what it sent before, if anything.
fn closed(stream: &mut TcpStream) -> Option<String> {
    let mut buffer = [0u8; 4096];
    let mut received = Vec::new();
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return Some(String::from_utf8_lossy(&received).into_owned()),
            Ok(n) => received.extend_from_slice(&buffer[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return None
            }
            Err(_) => return Some(String::from_utf8_lossy(&received).into_owned()),
        }
    }
}

fn open_fds(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|d| d.count())
        .unwrap_or(0)
}

/// One normal request on a fresh connection; its status line and how long it took.
fn timed_request(port: u16, request: &str) -> (String, Duration) {
    let started = Instant::now();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer);
    (
        text.lines().next().unwrap_or("").to_string(),
        started.elapsed(),
    )
}

/// This test holds 10 000 sockets itself.
fn raise_open_files_limit() {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write the struct passed.
    unsafe {
        libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit);
        limit.rlim_cur = limit.rlim_max;
        libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
    }
    assert!(
        limit.rlim_cur as usize > IDLE_CONNECTIONS + 1000,
        "the hard limit of open files ({}) is too low for this test",
        limit.rlim_cur
    );
}

#[test]
fn slow_and_idle_clients_do_not_hold_the_service() {
    raise_open_files_limit();
    let (child, port) = spawn_serve_with(&runtime_deps(), |command| {
        command.args([
            "--header-timeout-ms",
            &HEADER_TIMEOUT_MS.to_string(),
            "--body-timeout-ms",
            &BODY_TIMEOUT_MS.to_string(),
            "--rate-limit",
            "0",
        ]);
    });
    let pid = child.id();
    let ready = (0..200).any(|_| {
        std::thread::sleep(Duration::from_millis(100));
        TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    assert!(ready, "the server did not start");
    std::thread::sleep(Duration::from_millis(300));
    let baseline = open_fds(pid);

    let started = Instant::now();
    let mut slowest = Duration::ZERO;
    let mut stalls = 0;
    let mut idle: Vec<TcpStream> = (0..IDLE_CONNECTIONS)
        .map(|_| {
            let at = Instant::now();
            let s = connect(port);
            let took = at.elapsed();
            slowest = slowest.max(took);
            stalls += usize::from(took > Duration::from_millis(500));
            s
        })
        .collect();
    let opened_in = started.elapsed();
    std::thread::sleep(Duration::from_millis(200));
    let held = open_fds(pid);
    let mut slowloris: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut s = connect(port);
            s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
                .unwrap();
            s
        })
        .collect();
    let body = r#"{"files":{"App.tsx":"export default () => <p>slow</p>;"}}"#;
    let mut slow_bodies: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut s = connect(port);
            let head = format!(
                "POST /bundle HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                body.len()
            );
            s.write_all(head.as_bytes()).unwrap();
            s
        })
        .collect();

    // Meanwhile a client that sends whole requests is answered at once.
    let normal = std::thread::spawn(move || {
        let app =
            r#"{"files":{"App.tsx":"export default function App() { return <h1>Fast</h1>; }"}}"#;
        let post = format!(
            "POST /bundle HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{app}",
            app.len()
        );
        let health = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        (0..20)
            .map(|i| timed_request(port, if i % 2 == 0 { health } else { &post }))
            .collect::<Vec<_>>()
    });

    // The slow ones trickle: a header byte, a body byte, every 250 ms.
    let started = Instant::now();
    let mut sent = 0;
    let mut headers_closed_at = None;
    let mut bodies_answered: Vec<Option<String>> = vec![None; slow_bodies.len()];
    while started.elapsed() < Duration::from_millis(HEADER_TIMEOUT_MS + BODY_TIMEOUT_MS + 3000) {
        for s in &mut slowloris {
            let _ = s.write_all(b"a");
        }
        for (s, answer) in slow_bodies.iter_mut().zip(&mut bodies_answered) {
            if answer.is_none() && sent < body.len() {
                let _ = s.write_all(&body.as_bytes()[sent..sent + 1]);
            }
        }
        sent += 1;
        std::thread::sleep(Duration::from_millis(250));
        if headers_closed_at.is_none() && slowloris.iter_mut().all(|s| closed(s).is_some()) {
            headers_closed_at = Some(started.elapsed());
        }
        for (s, answer) in slow_bodies.iter_mut().zip(&mut bodies_answered) {
            if answer.is_none() {
                *answer = closed(s);
            }
        }
        if headers_closed_at.is_some() && bodies_answered.iter().all(Option::is_some) {
            break;
        }
    }
    let answers = normal.join().unwrap();
    let idle_closed = idle.iter_mut().step_by(100).filter_map(closed).count();
    drop(idle);
    drop(slowloris);
    drop(slow_bodies);
    std::thread::sleep(Duration::from_millis(500));
    let after = open_fds(pid);
    let (status_after, took_after) = timed_request(
        port,
        "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    let server = terminate(child);
    println!(
        "{IDLE_CONNECTIONS} idle connections opened in {opened_in:?} (slowest {slowest:?}, {stalls} over 500 ms); \
         slowloris closed at {headers_closed_at:?}; server fds: {baseline} before, {held} with them open, {after} after"
    );
    assert!(
        held >= baseline + IDLE_CONNECTIONS,
        "the server accepted every connection at once: {held}"
    );
    assert_eq!(
        stalls, 0,
        "no connection waited for its SYN to be sent again"
    );

    for (status, took) in &answers {
        assert!(
            status.starts_with("HTTP/1.1 200"),
            "{status}: {}",
            String::from_utf8_lossy(&server.stderr)
        );
        assert!(*took < Duration::from_secs(3), "answered in {took:?}");
    }
    let closed_at = headers_closed_at.expect("the slowloris connections were closed");
    assert!(
        closed_at >= Duration::from_millis(HEADER_TIMEOUT_MS - 300)
            && closed_at < Duration::from_millis(HEADER_TIMEOUT_MS + 2500),
        "closed at {closed_at:?}"
    );
    for answer in &bodies_answered {
        let answer = answer.as_deref().expect("each slow body got an answer");
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
        assert!(answer.contains("did not arrive within 2000 ms"), "{answer}");
    }
    assert_eq!(
        idle_closed,
        IDLE_CONNECTIONS / 100,
        "connections that sent nothing are closed after the header timeout"
    );
    assert!(
        after < baseline + 50,
        "sockets given back: {after} (before: {baseline})"
    );
    assert!(status_after.starts_with("HTTP/1.1 200"), "{status_after}");
    assert!(took_after < Duration::from_secs(2));
}
