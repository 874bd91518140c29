"""curl's option table as data: every option curl 7.88 knows, whether it takes a value, what it does.

The names come from `curl --help all` of Debian's curl 7.88.1 (the curl the differential tests
run). `name:x` means the option also has the short form `-x`. An option the request builder
does not list in REQUEST_OPTIONS changes nothing we model (output, TLS, retries, …) and is
accepted, as curl accepts it; a name that is in neither list is an error, as in curl.
"""

from __future__ import annotations

from dataclasses import dataclass

from docverify.errors import CurlParseError

_WITH_VALUE = """
    abstract-unix-socket alt-svc aws-sigv4 cacert capath cert:E cert-type ciphers config:K
    connect-timeout connect-to continue-at:C cookie:b cookie-jar:c create-file-mode crlfile
    curves data:d data-ascii data-binary data-raw data-urlencode delegation dns-interface
    dns-ipv4-addr dns-ipv6-addr dns-servers doh-url dump-header:D egd-file engine etag-compare
    etag-save expect100-timeout form:F form-string ftp-account ftp-alternative-to-user
    ftp-method ftp-port:P ftp-ssl-ccc-mode happy-eyeballs-timeout-ms header:H help:h hostpubmd5
    hostpubsha256 hsts interface json keepalive-time key key-type krb libcurl limit-rate
    local-port login-options mail-auth mail-from mail-rcpt max-filesize max-redirs max-time:m
    netrc-file noproxy oauth2-bearer output:o output-dir parallel-max pass pinnedpubkey proto
    proto-default proto-redir proxy-cacert proxy-capath proxy-cert proxy-cert-type
    proxy-ciphers proxy-crlfile proxy-header proxy-key proxy-key-type proxy-pass
    proxy-pinnedpubkey proxy-service-name proxy-tls13-ciphers proxy-tlsauthtype
    proxy-tlspassword proxy-tlsuser proxy-user:U proxy1.0 pubkey quote:Q random-file range:r
    rate referer:e request:X request-target resolve retry retry-delay retry-max-time
    sasl-authzid service-name socks4 socks4a socks5 socks5-gssapi-service socks5-hostname
    speed-limit:Y speed-time:y stderr telnet-option:t tftp-blksize time-cond:z tls-max
    tls13-ciphers tlsauthtype tlspassword tlsuser trace trace-ascii unix-socket upload-file:T
    url url-query user:u user-agent:A write-out:w preproxy proxy:x
"""

_FLAGS = """
    anyauth append:a basic cert-status compressed compressed-ssh create-dirs crlf digest
    disable:q disable-eprt disable-epsv disallow-username-in-url doh-cert-status doh-insecure
    fail:f fail-early fail-with-body false-start form-escape ftp-create-dirs ftp-pasv ftp-pret
    ftp-skip-pasv-ip ftp-ssl-ccc ftp-ssl-control get:G globoff:g haproxy-protocol head:I
    http0.9 http1.0:0 http1.1 http2 http2-prior-knowledge http3 http3-only
    ignore-content-length include:i insecure:k ipv4:4 ipv6:6 junk-session-cookies:j list-only:l
    location:L location-trusted mail-rcpt-allowfails manual:M metalink negotiate netrc:n
    netrc-optional next:: no-alpn no-buffer:N no-clobber no-keepalive no-npn no-progress-meter
    no-sessionid ntlm ntlm-wb parallel:Z parallel-immediate path-as-is post301 post302 post303
    progress-bar:# proxy-anyauth proxy-basic proxy-digest proxy-insecure
    proxy-negotiate proxy-ntlm proxy-ssl-allow-beast proxy-ssl-auto-client-cert proxy-tlsv1
    proxytunnel:p raw remote-header-name:J remote-name:O remote-name-all remote-time:R
    remove-on-error retry-all-errors retry-connrefused sasl-ir show-error:S silent:s
    socks5-basic socks5-gssapi socks5-gssapi-nec ssl ssl-allow-beast ssl-auto-client-cert
    ssl-no-revoke ssl-reqd ssl-revoke-best-effort sslv2:2 sslv3:3 styled-output
    suppress-connect-headers tcp-fastopen tcp-nodelay tftp-no-options tlsv1:1 tlsv1.0 tlsv1.1
    tlsv1.2 tlsv1.3 tr-encoding trace-time use-ascii:B verbose:v version:V xattr
"""

# Options the request builder reads; every other known option is accepted and has no effect
# on the request docverify models (method, URL, headers, body).
REQUEST_OPTIONS = frozenset({
    "request", "url", "header", "data", "data-ascii", "data-raw", "data-binary",
    "data-urlencode", "json", "get", "url-query", "form", "form-string", "user",
    "oauth2-bearer", "user-agent", "referer", "cookie", "head", "compressed",
})

# Known options that change the request in a way docverify does not model: accepted, with a
# warning, so a reader is told the parse is partial instead of it being silently wrong.
UNMODELLED = frozenset({
    "upload-file", "config", "next", "aws-sigv4", "digest", "ntlm", "negotiate", "anyauth",
    "range", "continue-at", "time-cond", "request-target", "netrc", "netrc-file",
    "netrc-optional", "tr-encoding", "crlf", "use-ascii", "http0.9", "http1.0",
})


@dataclass(frozen=True, slots=True)
class Option:
    name: str            # the long name, without `--`
    short: str           # the one-letter form, "" if none
    takes_value: bool


def _table() -> tuple[dict[str, Option], dict[str, Option]]:
    longs: dict[str, Option] = {}
    shorts: dict[str, Option] = {}
    for spec, takes in ((_WITH_VALUE, True), (_FLAGS, False)):
        for item in spec.split():
            name, _, short = item.partition(":")
            opt = Option(name, short, takes)
            longs[name] = opt
            if short:
                shorts[short] = opt
    return longs, shorts


LONG, SHORT = _table()
_SORTED = sorted(LONG)


def lookup_long(word: str, line: int) -> tuple[Option, bool]:
    """The option a `--name` word means, and whether it was the `--no-` form of a flag.

    curl accepts an unambiguous prefix of a long name (`--verb`), rejects an ambiguous one
    (`--requ`: request or request-target) and, unlike GNU tools, never reads `--name=value`.
    """
    name = word[2:]
    if name in LONG:
        return LONG[name], False
    if name.startswith("no-") and name[3:] in LONG and not LONG[name[3:]].takes_value:
        return LONG[name[3:]], True
    if "=" in name and name.partition("=")[0] in LONG:
        raise CurlParseError(f"curl does not accept '{word}': option {word} is unknown",
                             line=line, hint=f"write '--{name.partition('=')[0]} VALUE' "
                             "with a space, as curl reads it")
    hits = [n for n in _SORTED if n.startswith(name)] if name else []
    if len(hits) == 1:
        return LONG[hits[0]], False
    if len(hits) > 1:
        raise CurlParseError(f"option {word} is ambiguous ({', '.join(hits[:4])})", line=line,
                             hint="write the option's full name")
    raise CurlParseError(f"option {word} is unknown to curl", line=line,
                         hint="check the spelling against 'curl --help all'")


def lookup_short(letter: str, line: int) -> Option:
    if letter in SHORT:
        return SHORT[letter]
    raise CurlParseError(f"option -{letter} is unknown to curl", line=line,
                         hint="check the spelling against 'curl --help all'")
