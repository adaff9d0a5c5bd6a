"""Two app instances on one PostgreSQL and one Redis behave as one site, through HTTP.

Usage: instances.py URL_A URL_B LOG_A LOG_B (the instances' base addresses and the
files their output goes to). Started by .ci/check-instances, which prepares the
database (the Twente demo data) and the instances. Prints each check and exits
non-zero at the first that fails.
"""

import html
import http.cookiejar
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

A, B, LOG_A, LOG_B = sys.argv[1:5]
PASSWORD = "toolbox-demo"


class Browser:
    """One visitor: a cookie jar shared by every request, whichever instance answers."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def get(self, url):
        return self._open(urllib.request.Request(url))

    def post(self, url, data, referer=None):
        body = urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(url, data=body, method="POST")
        request.add_header("Referer", referer or url)
        return self._open(request)

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), dict(error.headers)

    def csrf(self, url):
        status, html, _headers = self.get(url)
        assert status == 200, (url, status)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def log_in(self, base, username, password=PASSWORD):
        url = f"{base}/accounts/login/"
        token = self.csrf(url)
        return self.post(
            url, {"csrfmiddlewaretoken": token, "username": username, "password": password}
        )


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def check(title, condition, detail=""):
    print(f"{'ok  ' if condition else 'FAIL'} {title}{f' ({detail})' if detail else ''}")
    if not condition:
        sys.exit(1)


def lines_of(path, text):
    with open(path, encoding="utf-8", errors="replace") as log:
        return sum(text in line for line in log)


def session_travels():
    visitor = Browser()
    status, _html, headers = visitor.log_in(A, "enschede.editor")
    check("log-in on A", status == 302, f"status {status}, to {headers.get('Location')}")
    status, html, _headers = visitor.get(f"{B}/accounts/")
    check(
        "the session made on A works on B",
        status == 200 and "enschede.editor" in html,
        f"status {status}",
    )
    return visitor


def failed_logins_lock_across_instances():
    visitor = Browser()
    for attempt in range(5):  # AXES_FAILURE_LIMIT, spread over both instances
        base = (A, B)[attempt % 2]
        status, _html, _headers = visitor.log_in(base, "hengelo.editor", "wrong-password-123")
        print(f"     failed log-in {attempt + 1} on {'AB'[attempt % 2]}: status {status}")
    status, html, _headers = visitor.log_in(A, "hengelo.editor")
    locked = status != 302 and (
        "locked" in html.lower() or "geblokkeerd" in html.lower() or status == 429
    )
    check(
        "five failed log-ins over A and B lock the account (right password refused)",
        locked,
        f"status {status}",
    )


def password_reset_limit_counts_across_instances():
    visitor = Browser()
    address = "limit-check@example.org"
    before = lines_of(LOG_A, "Password reset limit reached") + lines_of(
        LOG_B, "Password reset limit reached"
    )
    for attempt in range(4):  # PASSWORD_RESET_LIMIT_PER_ADDRESS is 3 an hour
        base = (A, B)[attempt % 2]
        url = f"{base}/accounts/wachtwoord-vergeten/"
        token = visitor.csrf(url)
        status, _html, _headers = visitor.post(
            url, {"csrfmiddlewaretoken": token, "email": address}
        )
        print(f"     reset request {attempt + 1} on {'AB'[attempt % 2]}: status {status}")
    time.sleep(1)  # the log line is written as the request ends
    after = lines_of(LOG_A, "Password reset limit reached") + lines_of(
        LOG_B, "Password reset limit reached"
    )
    check(
        "the fourth reset request for one address, on B, is over the shared limit",
        after - before == 1,
        f"{after - before} refusals logged",
    )


def report_limit_counts_across_instances(service_pk):
    # The visitor's window is ten minutes: do not start right before it turns.
    while int(time.time()) % 600 > 570:
        time.sleep(5)
    visitor = Browser()
    statuses = []
    for attempt in range(6):  # five reports a visitor per window
        base = (A, B)[attempt % 2]
        url = f"{base}/netwerk/diensten/{service_pk}/klopt-er-iets-niet/"
        status, _html, _headers = visitor.post(url, {"reason": "contact", "text": ""}, referer=url)
        statuses.append(status)
    print(f"     report statuses over A, B, A, …: {statuses}")
    check(
        "the sixth report of one visitor, over A and B, is refused (429)",
        statuses[:5] == [302] * 5 and statuses[5] == 429,
    )


def edit_on_a_shows_on_b(editor, service_pk):
    page = f"/netwerk/diensten/{service_pk}/"
    _status, before, _headers = Browser().get(f"{B}{page}")  # B keeps its copy
    url = f"{A}/netwerk/diensten/{service_pk}/bewerken/"
    status, html, _headers = editor.get(url)
    check("the editor opens the service form on A", status == 200, f"status {status}")
    fields = dict(
        re.findall(r'<input type="hidden" name="(version|based_on)" value="([^"]*)"', html)
    )
    form = form_values(html)
    form.update(fields)
    new_name = f"Onafhankelijke cliëntondersteuning Enschede {int(time.time())}"
    form["name"] = new_name
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    form["csrfmiddlewaretoken"] = token
    status, answer, _headers = editor.post(url, form)
    problems = re.findall(r'class="invalid-feedback[^"]*"[^>]*>(.*?)</', answer, re.S)
    check("the editor saves it on A", status == 302, f"status {status} {problems}")
    _status, after, _headers = Browser().get(f"{B}{page}")
    check("the change shows on B at the next request", new_name in after and new_name not in before)


def form_values(html):
    """The values of a form's inputs, text areas, selected options and checked boxes."""
    values = []
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        kind = re.search(r'type="([^"]+)"', tag)
        if not name or (kind and kind.group(1) in ("submit", "button")):
            continue
        if kind and kind.group(1) in ("checkbox", "radio") and "checked" not in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        checkable = kind and kind.group(1) in ("checkbox", "radio")
        values.append(
            (name.group(1), unescape(value.group(1)) if value else "on" if checkable else "")
        )
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        values.append((name, unescape(text.strip("\n"))))
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        for value in re.findall(r'<option value="([^"]*)"[^>]*selected', body):
            values.append((name, unescape(value)))
    merged = {}
    for name, value in values:
        merged.setdefault(name, []).append(value)
    return {name: found if len(found) > 1 else found[0] for name, found in merged.items()}


def unescape(text):
    return html.unescape(text)


def no_shared_copies(editor):
    page = "/netwerk/enschede/"
    status, mine, _headers = editor.get(f"{B}{page}")
    check("the editor sees the map with edit links on B", status == 200 and "bewerken/" in mine)
    other = Browser()
    other.log_in(A, "hengelo.editor")
    _status, theirs, _headers = other.get(f"{B}{page}")
    _status, anonymous, _headers = Browser().get(f"{B}{page}")
    check("Hengelo's editor, on B, never gets Enschede's copy", "bewerken/" not in theirs)
    check("an anonymous visitor, on B, never gets a member's copy", "bewerken/" not in anonymous)


def service_of(html):
    return re.search(r'href="/netwerk/diensten/(\d+)/"', html).group(1)


def main():
    editor = session_travels()
    failed_logins_lock_across_instances()
    password_reset_limit_counts_across_instances()
    _status, network_map, _headers = Browser().get(f"{B}/netwerk/enschede/")
    service_pk = service_of(network_map)
    report_limit_counts_across_instances(service_pk)
    edit_on_a_shows_on_b(editor, service_pk)
    no_shared_copies(editor)
    print("Two instances behave as one site.")


if __name__ == "__main__":
    main()
