using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Tests.ExactMath;

public class AddrTests
{
    private static readonly string NinetyChars = new('a', 90);

    public static TheoryData<string, string> Valid => new()
    {
        { "success: six lowercase letters", "osmo1abcdef" },
        { "success: letters and digits", "osmo1qw508d6qejxtdg4y5r3zarvary0c5xw7k" },
        { "success: ninety characters of data", "osmo1" + NinetyChars },
    };

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "failure: empty", "", "empty" },
        { "failure: another chain's prefix", "cosmos1abcdefgh", "expected prefix 'osmo1'" },
        { "failure: the prefix without the separator", "osmoabcdefgh", "expected prefix 'osmo1'" },
        { "failure: a longer prefix that starts like ours", "osmosis1abcdefgh", "expected prefix 'osmo1'" },
        { "failure: an upper-case prefix", "OSMO1abcdefgh", "expected prefix 'osmo1'" },
        { "failure: data too short", "osmo1abcde", "data part must be 6 to 90 characters" },
        { "failure: data too long", "osmo1" + NinetyChars + "a", "data part must be 6 to 90 characters" },
        { "failure: upper-case data", "osmo1ABCDEFGH", "only lowercase letters and digits are allowed" },
        { "failure: punctuation", "osmo1abc-defgh", "only lowercase letters and digits are allowed" },
        { "failure: a space", "osmo1abc defgh", "only lowercase letters and digits are allowed" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Validate_accepts_an_address_of_the_chain(string label, string input)
    {
        _ = label;
        Assert.Equal(input, Addr.Validate(input, "osmo").Value);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_refuses_with_an_invalid_address_error(string label, string input, string reason)
    {
        _ = label;
        var error = Assert.IsType<StdError.InvalidAddress>(Assert.Throws<MeshException>(() => Addr.Validate(input, "osmo")).Error);

        Assert.Equal("InvalidAddress", error.Kind);
        Assert.Equal(input, error.Address);
        Assert.Equal(reason, error.Reason);
    }

    [Fact]
    public void A_null_address_is_refused_as_empty()
    {
        var error = Assert.IsType<StdError.InvalidAddress>(Assert.Throws<MeshException>(() => Addr.Validate(null, "osmo")).Error);
        Assert.Equal("empty", error.Reason);
    }

    [Fact]
    public void Derived_addresses_are_deterministic_valid_and_distinct()
    {
        var alice = Addr.Derive("osmo", "alice");

        Assert.Equal(alice, Addr.Derive("osmo", "alice"));
        Assert.NotEqual(alice, Addr.Derive("osmo", "bob"));
        Assert.NotEqual(alice, Addr.Derive("juno", "alice"));
        Assert.Equal(alice, Addr.Validate(alice.Value, "osmo"));
        Assert.Equal(5 + 38, alice.Value.Length);
    }

    [Fact]
    public void Addresses_order_ordinally()
    {
        var sorted = new[] { new Addr("osmo1b"), new Addr("osmo1B"), new Addr("osmo1a") }.Order().Select(a => a.Value);

        Assert.Equal(["osmo1B", "osmo1a", "osmo1b"], sorted);
    }

    [Theory]
    [InlineData("success: a hand-written address", "osmo1abcdef", "osmo")]
    [InlineData("success: a prefix with a digit", "cosmos2x1abcdef", "cosmos2x")]
    public void Prefix_is_the_human_readable_part(string label, string address, string prefix)
    {
        _ = label;
        Assert.Equal(prefix, new Addr(address).Prefix);
    }

    [Fact]
    public void A_derived_address_reports_the_prefix_it_was_derived_with()
    {
        foreach (var name in new[] { "alice", "bob", "relayer", "validator/v1", "module/gov" })
            Assert.Equal("osmo", Addr.Derive("osmo", name).Prefix);
    }
}
