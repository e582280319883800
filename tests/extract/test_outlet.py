import pytest

from eventwire.extract.outlet import outlet_from_lines, outlet_from_url


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("Copyright Global Dispatch. All rights reserved. Republication of our content is prohibited.",
         "Global Dispatch"),
        ("© 2024 The Daily Record | All rights reserved", "The Daily Record"),
        ("Copyright (c) 2010-2024 Harbour Media Group", "Harbour Media Group"),
        ("Embassy of Ruritania in Elbonia All Rights Reserved", "Embassy of Ruritania in Elbonia"),
    ],
)
def test_copyright_footer_names_the_outlet(line, outlet):
    assert outlet_from_lines(["Body text.", line], ["body", "footer"]) == outlet


def test_agency_credit_names_the_outlet_when_there_is_no_footer():
    assert outlet_from_lines(["Body.", "TBP and Agencies"], ["body", "credit"]) == "TBP"
    assert outlet_from_lines(["Body.", "Daily Record/Agencies"], ["body", "credit"]) == "Daily Record"


def test_no_cue_no_outlet():
    assert outlet_from_lines(["Body.", "All rights reserved."], ["body", "footer"]) is None
    assert outlet_from_lines(["Reporting by Jane Doe"], ["credit"]) is None


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.example.org/a/b", "example.org"),
        ("news.example.com/x", "news.example.com"),
        (None, None),
    ],
)
def test_outlet_from_url_is_the_host(url, host):
    assert outlet_from_url(url) == host
