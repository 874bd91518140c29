"""Public suffixes: ICANN only, and internationalized suffixes in both spellings."""

from __future__ import annotations

import pytest
from publicsuffixlist import PublicSuffixList

from docverify.site.domains import public_suffix, registered_label


@pytest.mark.parametrize("host", ["api.example.com", "例子.中国", "example.xn--fiqs8s",
                                  "a.b.kawasaki.jp", "city.kawasaki.jp", "myapp.herokuapp.com",
                                  "your-server-address", "xn--55qx5d.cn", "公司.cn"])
def test_suffix_is_the_librarys_own_icann_answer(host: str) -> None:
    # The list is read with punycode added only where a rule is not ASCII; the answers must be
    # those of the library reading it all itself.
    expected = PublicSuffixList(accept_unknown=False, only_icann=True).publicsuffix(host)
    assert public_suffix(host) == (expected or "")


def test_punycode_and_unicode_spellings_share_a_suffix() -> None:
    assert public_suffix("example.中国") == "中国"
    assert public_suffix("example.xn--fiqs8s") == "xn--fiqs8s"
    assert registered_label("ark.cn-beijing.volces.com") == "volces"
    assert public_suffix("myapp.herokuapp.com") == "com"


def test_punycode_spellings_are_read_only_for_a_host_written_in_them() -> None:
    from docverify.site import domains
    domains._suffixes.cache_clear()
    public_suffix.cache_clear()
    registered_label.cache_clear()
    assert public_suffix("api.example.cn") == "cn"
    assert registered_label("例子.公司.cn") == "例子"
    assert domains._suffixes.cache_info().currsize == 1     # the list without punycode spellings
    # an A-label host gets the rule's punycode spelling, as the library reading it all would
    assert public_suffix("example.XN--55QX5D.cn") == "xn--55qx5d.cn"
    assert registered_label("example.xn--55qx5d.cn") == "example"
    assert domains._suffixes.cache_info().currsize == 2
