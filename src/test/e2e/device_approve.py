#!/usr/bin/env python3
"""Approves an OAuth device login in Keycloak the way a person would in a browser, without one.

Usage: device_approve.py VERIFICATION_URI USER_CODE USERNAME PASSWORD

Opens the verification page with the user code in its query (verification_uri_complete, as a
person following the link would) with a cookie jar, submits the login form, then the grant (consent)
form if Keycloak shows one, following whatever forms come next until the page says the device is
logged in. Exits 0 on success, 1 with the last page's text otherwise.
"""
import html.parser
import http.cookiejar
import sys
import urllib.error
import urllib.parse
import urllib.request


class Forms(html.parser.HTMLParser):
    """Collects each form's action and its input fields (text, hidden, password, submit buttons)."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "fields": {}, "buttons": {}})
        elif tag in ("input", "button") and self.forms and a.get("name"):
            kind = (a.get("type") or ("submit" if tag == "button" else "text")).lower()
            target = self.forms[-1]["buttons" if kind == "submit" else "fields"]
            target[a["name"]] = a.get("value", "")


class LoopbackIsSecure(http.cookiejar.DefaultCookiePolicy):
    """Keycloak marks its session cookies Secure; browsers send those to http://127.0.0.1 too
    (loopback is a secure context), Python's cookie jar does not unless told."""

    def return_ok_secure(self, cookie, request):
        return True


def main():
    uri, user_code, username, password = sys.argv[1:5]
    if "user_code=" not in uri:
        uri += ("&" if "?" in uri else "?") + "user_code=" + urllib.parse.quote(user_code)
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar(LoopbackIsSecure())))
    response = opener.open(uri, timeout=20)
    page, url = response.read().decode("utf-8", "replace"), response.geturl()
    for _ in range(8):
        lowered = page.lower()
        if "device login successful" in lowered or "you may now close" in lowered or "device is now logged in" in lowered:
            return 0
        parser = Forms()
        parser.feed(page)
        if not parser.forms:
            break
        form = parser.forms[0]
        fields = dict(form["fields"])
        if "device_user_code" in fields or "user_code" in fields:
            fields["device_user_code" if "device_user_code" in fields else "user_code"] = user_code
        if "username" in fields or "password" in fields:
            fields["username"], fields["password"] = username, password
        if "accept" in form["buttons"]:
            fields["accept"] = form["buttons"]["accept"] or "Yes"
        elif form["buttons"]:
            name, value = next(iter(form["buttons"].items()))
            fields[name] = value
        action = urllib.parse.urljoin(url, html.unescape(form["action"]))
        try:
            response = opener.open(action, data=urllib.parse.urlencode(fields).encode(), timeout=20)
            page, url = response.read().decode("utf-8", "replace"), response.geturl()
        except urllib.error.HTTPError as e:  # Keycloak answers a refused login with 401 and a page
            page, url = e.read().decode("utf-8", "replace"), e.geturl()
    text = " ".join(html.unescape(page).split())
    print(f"device approval did not finish at {url}: {text[:600]}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
