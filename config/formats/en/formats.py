"""English dates in one style: "January 19, 2026", never Django's AP-style "Jan. 19, 2026" beside "April 18,
2025" (its `N` abbreviates some months and not others)."""

DATE_FORMAT = "F j, Y"
DATETIME_FORMAT = "F j, Y, P"
