//! `briefing serve`: the real binary on a loopback port, driven over HTTP.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::budget::{DOUBLED_STRING, NESTED_LIST, NESTED_RANGES};
use crate::support::SiteTest;

/// A running `briefing serve`, stopped when dropped.
pub(crate) struct Server {
    child: Child,
    /// Where it listens, as `127.0.0.1:PORT`.
    pub(crate) address: String,
    /// What it has written to stderr so far.
    stderr: Arc<Mutex<String>>,
}

impl Server {
    /// Starts `briefing serve --port 0 ARGS` in the site folder and waits for its
    /// first build.
    pub(crate) fn start(site: &SiteTest, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
            .args(["serve", "--port", "0"])
            .args(args)
            .current_dir(&site.site)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start briefing serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = child.stderr.take().expect("stderr");
        let collected = Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            collected.lock().unwrap().push_str(&text);
        });
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let first = lines.next().expect("a first line").expect("readable");
        // Keep reading the rest so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        let url = first
            .split_whitespace()
            .find(|word| word.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in the first line: {first}"));
        let address = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        let server = Server {
            child,
            address,
            stderr,
        };
        server.wait_until(|| server.get("/").0 == 200, "the first build");
        server
    }

    /// Sends a raw request line, so paths are not normalised on the way.
    fn request(&self, target: &str) -> (u16, String, String) {
        http_get(&self.address, target)
    }

    fn get(&self, path: &str) -> (u16, String, String) {
        self.request(path)
    }

    /// A GET of `target` exactly as written, the body kept as the bytes sent.
    pub(crate) fn get_bytes(&self, target: &str) -> Result<HttpResponse, String> {
        http_get_bytes_as(&self.address, &self.address, target)
    }

    fn wait_until(&self, mut condition: impl FnMut() -> bool, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !condition() {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    fn version(&self) -> u64 {
        let (_, _, body) = self.get("/__briefing/wait?version=18446744073709551615");
        body.trim_start_matches("{\"version\":")
            .trim_end_matches('}')
            .parse()
            .expect("a version")
    }
}

/// A GET of `target` exactly as written, returning status, head and body.
fn http_get(address: &str, target: &str) -> (u16, String, String) {
    http_get_as(address, address, target)
}

/// A GET of `target` from `address` with the `Host` header `host`.
fn http_get_as(address: &str, host: &str, target: &str) -> (u16, String, String) {
    let response = http_get_bytes_as(address, host, target)
        .unwrap_or_else(|error| panic!("GET {target}: {error}"));
    let body = String::from_utf8_lossy(&response.body).into_owned();
    (response.status, response.head, body)
}

/// One HTTP response, its body exactly as sent.
pub(crate) struct HttpResponse {
    /// The status code, 0 when the status line had none.
    pub(crate) status: u16,
    /// The status line and headers, without the blank line after them.
    pub(crate) head: String,
    /// The body, byte for byte.
    pub(crate) body: Vec<u8>,
}

/// A GET of `target` from `address` with the `Host` header `host`, the body kept as
/// bytes. `Err` says what failed: the connection, or a body shorter or longer than its
/// `Content-Length`.
fn http_get_bytes_as(address: &str, host: &str, target: &str) -> Result<HttpResponse, String> {
    let mut stream = TcpStream::connect(address).map_err(|e| format!("connect: {e}"))?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .map_err(|e| format!("set a timeout: {e}"))?;
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| format!("send: {e}"))?;
    let mut response = Vec::new();
    stream
        .read_to_end(&mut response)
        .map_err(|e| format!("read: {e}"))?;
    let (head, body) = match response.windows(4).position(|w| w == b"\r\n\r\n") {
        Some(end) => (&response[..end], &response[end + 4..]),
        None => (&response[..], &[][..]),
    };
    let head = String::from_utf8_lossy(head).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    let header = |name: &str| {
        head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then(|| value.trim().to_string())
        })
    };
    if header("transfer-encoding").is_some() {
        return Err(format!(
            "a body with Transfer-Encoding is not read here:\n{head}"
        ));
    }
    if let Some(length) = header("content-length") {
        let length: usize = length
            .parse()
            .map_err(|_| format!("Content-Length {length:?} is no number"))?;
        if body.len() != length {
            return Err(format!(
                "Content-Length is {length} but {} bytes came",
                body.len()
            ));
        }
    }
    Ok(HttpResponse {
        status,
        head,
        body: body.to_vec(),
    })
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const ARTICLE: &str = "content/articles/2024/04/xi-jinping-receives-sergey-lavrov.md";
const PAGE: &str = "/articles/xi-jinping-receives-sergey-lavrov/";

fn with_title(site: &SiteTest, title: &str) -> String {
    let text = std::fs::read_to_string(site.site.join(ARTICLE)).unwrap();
    text.lines()
        .map(|line| {
            if line.starts_with("title:") {
                format!("title: \"{title}\"")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn port_zero_prints_the_address_first_and_serves_the_site() {
    let site = SiteTest::example_site();
    let server = Server::start(&site, &[]);
    let (status, head, body) = server.get(PAGE);
    assert_eq!(status, 200);
    assert!(
        head.contains("content-type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(body.contains("<h1>Xi Jinping receives Sergey Lavrov in Beijing</h1>"));
    assert!(
        body.contains("/__briefing/wait"),
        "the live-reload script is injected"
    );
    assert!(!site.public().exists(), "serve never writes public/");
}

#[test]
fn content_types_and_redirects_are_right() {
    let site = SiteTest::example_site();
    let server = Server::start(&site, &[]);
    let (status, head, _) = server.get("/style.css");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/css"), "{head}");
    let (status, head, body) = server.get("/atom.xml");
    assert_eq!(status, 200);
    assert!(
        head.contains("content-type: application/atom+xml"),
        "{head}"
    );
    assert!(
        body.contains("http://127.0.0.1:"),
        "base_url is the local address: {body}"
    );
    let (status, head, _) = server.get("/people/wang-yi");
    assert_eq!(status, 301);
    assert!(head.contains("location: /people/wang-yi/"), "{head}");
}

#[test]
fn missing_pages_get_the_404_page() {
    let site = SiteTest::example_site();
    let server = Server::start(&site, &[]);
    let (status, _, body) = server.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"));
}

#[test]
fn no_path_outside_the_site_can_be_requested() {
    let site = SiteTest::example_site();
    std::fs::write(site.site.join("secret.txt"), "secret").unwrap();
    let server = Server::start(&site, &[]);
    for target in [
        "/../secret.txt",
        "/content/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/static/..%2f..%2fsecret.txt",
        "//etc/passwd",
        "/..\\secret.txt",
    ] {
        let (status, _, body) = server.request(target);
        assert!(status == 400 || status == 404, "{target} gave {status}");
        assert!(!body.contains("secret"), "{target} leaked a file");
    }
    // Site sources are not served either: only the built site is.
    assert_eq!(server.get("/briefing.yaml").0, 404);
    assert_eq!(server.get(&format!("/{ARTICLE}")).0, 404);
}

#[test]
fn an_edit_shows_after_one_rebuild_and_wakes_waiting_pages() {
    let site = SiteTest::example_site();
    let server = Server::start(&site, &[]);
    let before = server.version();
    let waiting = {
        let address = server.address.clone();
        std::thread::spawn(move || {
            http_get(&address, &format!("/__briefing/wait?version={before}"))
        })
    };
    std::thread::sleep(Duration::from_millis(100));
    site.write(ARTICLE, &with_title(&site, "Edited while serving"));
    let (status, _, body) = waiting.join().unwrap();
    assert_eq!(status, 200);
    assert_ne!(
        body,
        format!("{{\"version\":{before}}}"),
        "the page is told to reload"
    );
    server.wait_until(
        || server.get(PAGE).2.contains("<h1>Edited while serving</h1>"),
        "the new title",
    );
    assert_eq!(server.version(), before + 1, "one save, one rebuild");
}

#[test]
fn broken_input_keeps_the_last_good_site_with_an_overlay_until_fixed() {
    let site = SiteTest::example_site();
    let server = Server::start(&site, &[]);
    let good = std::fs::read_to_string(site.site.join(ARTICLE)).unwrap();
    site.write(
        ARTICLE,
        &good.replace("date: 2024-04-09", "date: 2024-02-30"),
    );
    server.wait_until(
        || server.get(PAGE).2.contains("id=\"briefing-error\""),
        "the overlay",
    );
    let (status, _, body) = server.get(PAGE);
    assert_eq!(status, 200, "the last good page is still served");
    assert!(body.contains("<h1>Xi Jinping receives Sergey Lavrov in Beijing</h1>"));
    assert!(body.contains(&format!("{ARTICLE}:3:7: `2024-02-30` is not a valid date")));
    site.write(ARTICLE, &good);
    server.wait_until(
        || !server.get(PAGE).2.contains("briefing-error"),
        "the overlay to clear",
    );
}

#[test]
fn a_burst_of_saves_ends_serving_the_last_version() {
    let site = SiteTest::example_site();
    let server = Server::start(&site, &[]);
    for number in 0..50 {
        site.write(
            ARTICLE,
            &with_title(&site, &format!("Save number {number}")),
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    server.wait_until(
        || server.get(PAGE).2.contains("<h1>Save number 49</h1>"),
        "the last save",
    );
    assert_eq!(server.get("/").0, 200, "the server is still up");
}

#[test]
fn a_file_renamed_into_place_is_picked_up() {
    let site = SiteTest::example_site();
    let server = Server::start(&site, &[]);
    let temporary = site.site.join("content/articles/2024/04/.edit.tmp");
    std::fs::write(&temporary, with_title(&site, "Renamed into place")).unwrap();
    std::fs::rename(&temporary, site.site.join(ARTICLE)).unwrap();
    server.wait_until(
        || server.get(PAGE).2.contains("<h1>Renamed into place</h1>"),
        "the renamed file",
    );
}

#[test]
fn new_and_deleted_articles_appear_and_disappear() {
    let site = SiteTest::example_site();
    let server = Server::start(&site, &[]);
    site.write(
        "content/articles/2024/new.md",
        "---\ntitle: A new briefing\ndate: 2024-05-01\ncountries: [France]\n---\nFrance.\n",
    );
    server.wait_until(|| server.get("/articles/new/").0 == 200, "the new article");
    assert!(
        server
            .get("/countries/france/")
            .2
            .contains("A new briefing")
    );
    std::fs::remove_file(site.site.join("content/articles/2024/new.md")).unwrap();
    server.wait_until(
        || server.get("/articles/new/").0 == 404,
        "the article to go",
    );
}

#[test]
fn drafts_are_shown_unless_hidden() {
    let site = SiteTest::example_site();
    site.write(
        "content/articles/draft.md",
        "---\ntitle: Work in progress\ndate: 2024-05-01\ndraft: true\n---\nSoon.\n",
    );
    let server = Server::start(&site, &[]);
    assert_eq!(server.get("/articles/draft/").0, 200);
    drop(server);
    let hidden = Server::start(&site, &["--no-drafts"]);
    assert_eq!(hidden.get("/articles/draft/").0, 404);
}

#[test]
fn requests_naming_another_host_are_refused_without_content() {
    let site = SiteTest::example_site();
    site.write(
        "content/articles/draft.md",
        "---\ntitle: Secret plans\ndate: 2024-05-01\ndraft: true\n---\nSoon.\n",
    );
    let server = Server::start(&site, &[]);
    let port = server.address.rsplit(':').next().unwrap().to_string();
    for host in [
        "attacker.example".to_string(),
        format!("attacker.example:{port}"),
        format!("localhost.attacker.example:{port}"),
        format!("127.0.0.1:{}", port.parse::<u32>().unwrap() + 1),
    ] {
        for target in ["/articles/draft/", "/search/", "/__briefing/wait?version=0"] {
            let (status, head, body) = http_get_as(&server.address, &host, target);
            assert_eq!(status, 421, "{host} {target}: {head}");
            assert_eq!(body, "", "{host} {target} got content");
        }
    }
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let (status, _, body) = http_get_as(&server.address, &host, "/articles/draft/");
        assert_eq!(status, 200, "{host}");
        assert!(body.contains("Secret plans"), "{host}");
        let (status, _, body) = http_get_as(&server.address, &host, "/__briefing/wait?version=0");
        assert_eq!(
            (status, body.starts_with("{\"version\":")),
            (200, true),
            "{host}"
        );
    }
}

#[test]
fn the_address_given_with_bind_is_answered() {
    let site = SiteTest::example_site();
    let server = Server::start(&site, &["--bind", "127.0.0.2"]);
    assert!(
        server.address.starts_with("127.0.0.2:"),
        "{}",
        server.address
    );
    assert_eq!(server.get("/").0, 200);
    let (status, _, body) = http_get_as(&server.address, "briefing.example", "/");
    assert_eq!((status, body.as_str()), (421, ""));
}

/// CPU time the process has used, in clock ticks (Linux).
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("process stat");
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .unwrap()
        .1
        .split_whitespace()
        .collect();
    let user: u64 = fields[11].parse().unwrap();
    let system: u64 = fields[12].parse().unwrap();
    user + system
}

#[test]
fn a_runaway_page_is_an_error_and_leaves_no_core_busy_once_the_request_is_gone() {
    let site = SiteTest::example_site();
    site.write("templates/article.html", NESTED_RANGES);
    let server = Server::start(&site, &[]);
    // A request given up after a second: its render must not go on without it.
    let mut stream = TcpStream::connect(&server.address).unwrap();
    write!(
        stream,
        "GET {PAGE} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.address
    )
    .unwrap();
    std::thread::sleep(Duration::from_secs(1));
    drop(stream);
    let started = Instant::now();
    let (status, _, body) = server.get(PAGE);
    assert!(started.elapsed() < Duration::from_secs(15));
    assert_eq!(status, 500);
    assert!(
        body.contains(&format!(
            "templates/article.html (while rendering {PAGE}): rendering took longer than 5 s, the limit for one page"
        )),
        "{body}"
    );
    let before = cpu_ticks(server.child.id());
    std::thread::sleep(Duration::from_secs(1));
    let used = cpu_ticks(server.child.id()) - before;
    assert!(used < 30, "the server used {used} ticks of CPU while idle");
    assert_eq!(server.get("/").0, 200, "the other pages are still served");
}

#[test]
fn a_runaway_loop_the_engine_cannot_stop_ends_the_preview_naming_the_page() {
    assert_a_request_stops_the_preview(
        NESTED_LIST,
        "rendering took longer than 5 s, the limit for one page (a loop that never ends?)",
    );
}

#[test]
fn a_page_holding_too_much_memory_ends_the_preview_instead_of_aborting() {
    assert_a_request_stops_the_preview(
        DOUBLED_STRING,
        "rendering held more than 256 MiB, the limit for one page",
    );
}

/// Serves the example site with `template` as its article template, requests an
/// article, and expects the preview to end with status 1 after naming it.
fn assert_a_request_stops_the_preview(template: &str, reason: &str) {
    let site = SiteTest::example_site();
    site.write("templates/article.html", template);
    let mut server = Server::start(&site, &[]);
    let address = server.address.clone();
    std::thread::spawn(move || http_get(&address, PAGE));
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the preview kept running");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(1));
    server.wait_until(
        || {
            server
                .stderr
                .lock()
                .unwrap()
                .contains("error: the preview stopped")
        },
        "the report",
    );
    let stderr = server.stderr.lock().unwrap().clone();
    assert!(
        stderr.starts_with(&format!(
            "templates/article.html (while rendering {PAGE}): {reason}\n"
        )),
        "{stderr}"
    );
}

#[test]
fn bundle_files_are_served_as_build_writes_them() {
    let site = SiteTest::fixture("bundle");
    image::RgbImage::from_pixel(1000, 500, image::Rgb([20, 90, 160]))
        .save(site.site.join("content/articles/2024/04/talks/map.png"))
        .unwrap();
    site.edit(
        "content/articles/2024/04/talks/index.md",
        "(chart.svg)",
        "(chart.svg)\n\n![Map](map.png)",
    );
    site.build(&[]).assert_success();
    let server = Server::start(&site, &[]);
    for file in [
        "chart.svg",
        "report.pdf",
        "map-480w.png",
        "map-960w.png",
        "map-1000w.png",
    ] {
        let response = server
            .get_bytes(&format!("/articles/talks/{file}"))
            .unwrap();
        assert_eq!(response.status, 200, "{file}: {}", response.head);
        let built = std::fs::read(site.public().join("articles/talks").join(file)).unwrap();
        assert!(response.body == built, "{file} differs from the build's");
    }
    let (status, _, _) = server.get("/articles/talks/unused.txt");
    assert_eq!(status, 404, "a file nothing links to is not served");
}
