//! Which `Host` headers the preview answers, against DNS rebinding.
//!
//! A web page on another site can point a name it controls at 127.0.0.1 and then read
//! the preview as its own origin; the only thing that tells such a request apart is its
//! `Host` header, which names the attacker's domain. So the preview answers only the
//! names of the address it listens on, and refuses every other name with no content.

use std::net::{IpAddr, SocketAddr};

/// The hosts a preview listening on one address answers to.
#[derive(Debug, Clone)]
pub struct AllowedHosts {
    address: SocketAddr,
}

impl AllowedHosts {
    /// The hosts of a preview listening on `address`.
    pub fn new(address: SocketAddr) -> AllowedHosts {
        AllowedHosts { address }
    }

    /// Whether a request with this `Host` header value is answered: `localhost`,
    /// `127.0.0.1` or `[::1]` with the port, the bound address with the port, and when
    /// bound to every interface (`0.0.0.0`, `::`) any address literal with the port. A
    /// name other than `localhost` is never answered: only a name can be rebound.
    pub fn allows(&self, host: &str) -> bool {
        let port = self.address.port();
        let (name, host_port) = split_port(host);
        let port_matches = match host_port {
            Some(given) => given == Some(port),
            None => port == 80,
        };
        if !port_matches {
            return false;
        }
        if name.eq_ignore_ascii_case("localhost") {
            return true;
        }
        let literal = name
            .strip_prefix('[')
            .and_then(|inner| inner.strip_suffix(']'))
            .unwrap_or(name);
        let Ok(ip) = literal.parse::<IpAddr>() else {
            return false;
        };
        // An IPv6 literal must be bracketed in a Host header, an IPv4 one must not be.
        if ip.is_ipv6() == (literal.len() == name.len()) {
            return false;
        }
        ip.is_loopback() || ip == self.address.ip() || self.address.ip().is_unspecified()
    }
}

/// `name:port` → (`name`, `Some(port)`); a port that is not a number gives `Some(None)`.
fn split_port(host: &str) -> (&str, Option<Option<u16>>) {
    // The colons inside `[::1]` are not a port separator.
    let after_brackets = host.rfind(']').map_or(0, |at| at + 1);
    match host[after_brackets..].rfind(':') {
        Some(at) => {
            let at = after_brackets + at;
            (&host[..at], Some(host[at + 1..].parse().ok()))
        }
        None => (host, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loopback() -> AllowedHosts {
        AllowedHosts::new("127.0.0.1:4000".parse().unwrap())
    }

    #[test]
    fn loopback_names_with_the_port_are_answered() {
        let hosts = loopback();
        for host in [
            "localhost:4000",
            "LocalHost:4000",
            "127.0.0.1:4000",
            "[::1]:4000",
        ] {
            assert!(hosts.allows(host), "{host}");
        }
    }

    #[test]
    fn other_names_ports_and_malformed_hosts_are_refused() {
        let hosts = loopback();
        for host in [
            "attacker.example:4000",
            "attacker.example",
            "localhost",
            "localhost:4001",
            "localhost:",
            "127.0.0.1",
            "127.0.0.1:x",
            "::1:4000",
            "[127.0.0.1]:4000",
            "10.0.0.1:4000",
            "localhost.:4000",
            "",
        ] {
            assert!(!hosts.allows(host), "{host}");
        }
    }

    #[test]
    fn a_preview_on_every_interface_answers_address_literals_only() {
        let hosts = AllowedHosts::new("0.0.0.0:4000".parse().unwrap());
        assert!(hosts.allows("192.168.1.20:4000"));
        assert!(hosts.allows("localhost:4000"));
        assert!(!hosts.allows("my-laptop.local:4000"));
    }

    #[test]
    fn port_80_may_be_left_out() {
        let hosts = AllowedHosts::new("127.0.0.1:80".parse().unwrap());
        assert!(hosts.allows("localhost"));
        assert!(hosts.allows("127.0.0.1:80"));
    }
}
