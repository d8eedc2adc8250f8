"""Place names that end a location line ("Shenzhen, China", "Austin, TX", "Remote")."""

from __future__ import annotations

import re

COUNTRIES = {
    "afghanistan", "argentina", "australia", "austria", "bangladesh", "belgium", "brazil",
    "bulgaria", "canada", "chile", "china", "colombia", "croatia", "czech republic", "czechia",
    "denmark", "egypt", "estonia", "ethiopia", "finland", "france", "germany", "ghana", "greece",
    "hong kong", "hungary", "iceland", "india", "indonesia", "iran", "iraq", "ireland", "israel",
    "italy", "japan", "jordan", "kenya", "korea", "south korea", "latvia", "lebanon", "lithuania",
    "luxembourg", "macau", "malaysia", "mexico", "morocco", "nepal", "netherlands",
    "the netherlands", "new zealand", "nigeria", "norway", "pakistan", "peru", "philippines",
    "poland", "portugal", "qatar", "romania", "russia", "saudi arabia", "serbia", "singapore",
    "slovakia", "slovenia", "south africa", "spain", "sri lanka", "sweden", "switzerland",
    "taiwan", "thailand", "tunisia", "turkey", "türkiye", "uae", "united arab emirates",
    "uganda", "ukraine", "united kingdom", "uk", "england", "scotland", "wales",
    "united states", "usa", "us", "u.s.", "u.s.a.", "uruguay", "vietnam", "viet nam",
    "remote", "hybrid", "on-site", "onsite", "worldwide",
}  # fmt: skip
US_STATES = {
    "al", "ak", "az", "ar", "ca", "co", "ct", "de", "fl", "ga", "hi", "id", "il", "in", "ia",
    "ks", "ky", "la", "me", "md", "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh", "nj",
    "nm", "ny", "nc", "nd", "oh", "ok", "or", "pa", "ri", "sc", "sd", "tn", "tx", "ut", "vt",
    "va", "wa", "wv", "wi", "wy", "dc", "on", "bc", "qc", "ab",
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
    "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas",
    "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota",
    "mississippi", "missouri", "montana", "nebraska", "nevada", "new hampshire", "new jersey",
    "new mexico", "new york", "north carolina", "north dakota", "ohio", "oklahoma", "oregon",
    "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas",
    "utah", "vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming",
    "ontario", "quebec", "british columbia", "alberta",
}  # fmt: skip

LOCATION = re.compile(r"^[A-Z][\w'’.\- ]*(?:,\s*[A-Za-z][\w'’.\- ]*){0,2}$")
# An organisation is not a place, even when a country ends it ("Sharif University, Iran").
ORGANISATION = re.compile(
    r"\b(?:university|college|institute|school|academy|laborator(?:y|ies)|lab|center|centre"
    r"|company|corporation|inc|ltd|llc|gmbh|foundation|department|hospital|bank)\b",
    re.IGNORECASE,
)


def is_location(text: str) -> bool:
    """Tells whether a short line is a place: 'City, Country', 'City, ST' or 'Remote'."""
    value = text.strip().rstrip(".")
    if len(value) > 60 or not LOCATION.match(value) or ORGANISATION.search(value):
        return False
    parts = [part.strip().lower() for part in value.split(",")]
    if any(len(part.split()) > 4 for part in parts):
        return False
    if len(parts) == 3 and parts[1] not in US_STATES:
        return False  # three parts are city, state, country: "Acme AB, Stockholm, Sweden" is not
    last = parts[-1]
    if len(parts) == 1:
        return last in {"remote", "hybrid", "worldwide"}
    return last in COUNTRIES or last in US_STATES
