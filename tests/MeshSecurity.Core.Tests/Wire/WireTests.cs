using System.Text;
using System.Text.Json;
using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Ibc.Transfer;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Tests.WireFormat;

public class WireTests
{
    private static string Json(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static StdError.ParseError Refused<T>(string json) where T : class
    {
        var error = Assert.Throws<MeshException>(() => Wire.Decode<T>(Encoding.UTF8.GetBytes(json))).Error;
        Assert.Equal("ParseError", error.Kind);
        Assert.Equal("std", error.Codespace);
        return Assert.IsType<StdError.ParseError>(error);
    }

    [Fact]
    public void A_case_with_fields_is_written_as_an_object_named_after_the_case_in_snake_case()
    {
        var bytes = Wire.Encode<ProviderPacket>(new ProviderPacket.Stake("v", 10, "k"));

        Assert.Equal("""{"stake":{"validator":"v","amount":"10","key":"k"}}""", Json(bytes));
    }

    [Fact]
    public void A_case_without_fields_is_written_as_an_empty_object()
    {
        var bytes = Wire.Encode<ProviderPacket>(new ProviderPacket.ListValidators());

        Assert.Equal("""{"list_validators":{}}""", Json(bytes));
    }

    [Fact]
    public void A_multi_word_case_with_lists_is_written_in_snake_case()
    {
        ConsumerPacket packet = new ConsumerPacket.UpdateValidators(["a"], [], ["b", "c"], [], [],
            [new ValsetSlash("b", 7, Dec.Percent(5))], 9, Timestamp.FromSeconds(12));

        const string lists = """{"update_validators":{"added":["a"],"removed":[],"jailed":["b","c"],"unjailed":[],"tombstoned":[],""";
        const string rest = "\"slashed\":[{\"validator\":\"b\",\"infraction_height\":7,\"fraction\":\"0.05\"}],\"height\":9," +
                            "\"time\":\"12000000000\"}}";
        Assert.Equal(lists + rest,
            Json(Wire.Encode(packet)));
    }

    public static TheoryData<string, ProviderPacket> Packets => new()
    {
        { "success: list validators", new ProviderPacket.ListValidators() },
        { "success: stake", new ProviderPacket.Stake("osmovaloper1x", 10, "osmo1staker") },
        { "success: unstake of the maximum amount", new ProviderPacket.Unstake("v", Amount.MaxValue, "k") },
        { "success: burn", new ProviderPacket.Burn("v", 1) },
    };

    [Theory]
    [MemberData(nameof(Packets))]
    public void Every_case_reads_back_as_what_was_written(string label, ProviderPacket packet)
    {
        _ = label;
        var decoded = Wire.Decode<ProviderPacket>(Wire.Encode(packet));

        Assert.Equal(packet, decoded);
        Assert.Equal(packet.GetType(), decoded.GetType());
    }

    [Fact]
    public void A_case_with_lists_reads_back_as_what_was_written()
    {
        ConsumerPacket packet = new ConsumerPacket.UpdateValidators(["a"], ["z"], ["b", "c"], [], ["t"],
            [new ValsetSlash("t", 3, Dec.Percent(5))], 4, Timestamp.FromSeconds(30));

        var decoded = Assert.IsType<ConsumerPacket.UpdateValidators>(Wire.Decode<ConsumerPacket>(Wire.Encode(packet)));

        Assert.Equal(["a"], decoded.Added.ToArray());
        Assert.Equal(["z"], decoded.Removed.ToArray());
        Assert.Equal(["b", "c"], decoded.Jailed.ToArray());
        Assert.Empty(decoded.Unjailed);
        Assert.Equal(["t"], decoded.Tombstoned.ToArray());
        Assert.Equal([new ValsetSlash("t", 3, Dec.Percent(5))], decoded.Slashed.ToArray());
        Assert.Equal((4UL, Timestamp.FromSeconds(30)), (decoded.Height, decoded.Time));
    }

    [Fact]
    public void A_unit_case_may_also_be_read_from_a_bare_string_as_serde_writes_it()
    {
        Assert.IsType<ProviderPacket.ListValidators>(Wire.Decode<ProviderPacket>("\"list_validators\""u8));
    }

    [Fact]
    public void Whitespace_and_field_order_do_not_matter_on_read()
    {
        var decoded = Wire.Decode<ProviderPacket>("""  { "stake" : { "key":"k", "amount":"10", "validator":"v" } }  """u8);

        Assert.Equal(new ProviderPacket.Stake("v", 10, "k"), decoded);
    }

    [Theory]
    [InlineData("failure: an unknown variant", """{"delegate":{"validator":"v","amount":"10","key":"k"}}""")]
    [InlineData("failure: a variant name in the wrong case", """{"Stake":{"validator":"v","amount":"10","key":"k"}}""")]
    [InlineData("failure: an unknown field", """{"stake":{"validator":"v","amount":"10","key":"k","memo":"hi"}}""")]
    [InlineData("failure: a field name in the wrong case", """{"stake":{"Validator":"v","amount":"10","key":"k"}}""")]
    [InlineData("failure: a missing field", """{"stake":{"validator":"v","amount":"10"}}""")]
    [InlineData("failure: the amount as a number instead of a string", """{"stake":{"validator":"v","amount":10,"key":"k"}}""")]
    [InlineData("failure: a negative amount", """{"stake":{"validator":"v","amount":"-10","key":"k"}}""")]
    [InlineData("failure: a decimal amount", """{"stake":{"validator":"v","amount":"1.5","key":"k"}}""")]
    [InlineData("failure: null for a required string", """{"stake":{"validator":null,"amount":"10","key":"k"}}""")]
    [InlineData("failure: two variants in one object", """{"stake":{"validator":"v","amount":"10","key":"k"},"burn":{"validator":"v","amount":"1"}}""")]
    [InlineData("failure: no variant at all", """{}""")]
    [InlineData("failure: the variant's value is not an object", """{"burn":"v"}""")]
    [InlineData("failure: the variant's value is null", """{"list_validators":null}""")]
    [InlineData("failure: an untagged case", """{"validator":"v","amount":"10","key":"k"}""")]
    [InlineData("failure: an array", """[{"list_validators":{}}]""")]
    [InlineData("failure: an unknown bare string variant", "\"delegate\"")]
    [InlineData("failure: not JSON at all", "stake 10 on v please")]
    [InlineData("failure: truncated JSON", """{"stake":{"validator":"v",""")]
    [InlineData("failure: trailing garbage", """{"list_validators":{}} x""")]
    [InlineData("failure: empty input", "")]
    public void Malformed_input_is_refused_with_a_parse_error_naming_the_type(string label, string json)
    {
        _ = label;
        var error = Refused<ProviderPacket>(json);

        Assert.Equal(nameof(ProviderPacket), error.Target);
        Assert.False(string.IsNullOrEmpty(error.Reason));
    }

    [Fact]
    public void A_json_null_is_refused_with_a_parse_error()
    {
        var error = Refused<ProviderPacket>("null");

        Assert.Equal("null", error.Input);
    }

    [Fact]
    public void The_parse_error_quotes_the_input_and_explains_an_unknown_variant()
    {
        var error = Refused<ProviderPacket>("""{"delegate":{}}""");

        Assert.Equal("""{"delegate":{}}""", error.Input);
        Assert.Contains("unknown variant 'delegate'", error.Reason);
        Assert.Contains("stake", error.Reason);
    }

    [Fact]
    public void A_long_input_is_cut_in_the_parse_error()
    {
        var json = """{"stake":{"validator":""" + "\"" + new string('v', 500) + "\"}}";

        var error = Refused<ProviderPacket>(json);

        Assert.Equal(203, error.Input.Length);
        Assert.EndsWith("...", error.Input);
    }

    [Fact]
    public void A_case_with_fields_given_as_a_bare_string_is_refused_with_a_parse_error()
    {
        var error = Refused<ProviderPacket>("\"stake\"");

        Assert.Equal(nameof(ProviderPacket), error.Target);
    }

    [Fact]
    public void Ics20_packet_data_is_plain_snake_case_json_with_the_amount_as_a_string()
    {
        var data = new FungibleTokenPacketData("transfer/channel-0/uatom", "100", "osmo1sender", "cosmos1receiver");

        var json = Json(Wire.Encode(data));

        Assert.Equal("""{"denom":"transfer/channel-0/uatom","amount":"100","sender":"osmo1sender","receiver":"cosmos1receiver"}""", json);
        Assert.Equal(data, Wire.Decode<FungibleTokenPacketData>(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Amounts_and_decimals_inside_a_record_are_strings_on_the_wire()
    {
        var holder = new Holder(Amount.Parse("340282366920938463463374607431768211455"), Dec.Parse("0.05"), new Coin("uatom", 7));

        var json = Wire.ToJson(holder);

        Assert.Equal("""{"total_amount":"340282366920938463463374607431768211455","fee_rate":"0.05","coin":{"denom":"uatom","amount":"7"}}""", json);
        Assert.Equal(holder, Wire.Decode<Holder>(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void A_decimal_with_too_many_digits_inside_a_record_is_refused()
    {
        var error = Refused<Holder>("""{"total_amount":"1","fee_rate":"0.0000000000000000001","coin":{"denom":"uatom","amount":"7"}}""");

        Assert.Equal(nameof(Holder), error.Target);
    }

    [Fact]
    public void Wire_options_are_frozen()
    {
        Assert.True(Wire.Options.IsReadOnly);
        Assert.Throws<InvalidOperationException>(() => Wire.Options.WriteIndented = true);
    }

    [Fact]
    public void Encoding_is_deterministic()
    {
        ProviderPacket p = new ProviderPacket.Stake("v", 10, "k");

        Assert.Equal(Wire.Encode(p), Wire.Encode(p));
        Assert.Equal(JsonSerializer.Serialize(p, Wire.Options), Json(Wire.Encode(p)));
    }

    private sealed record Holder(Amount TotalAmount, Dec FeeRate, Coin Coin);

    [Fact]
    public void A_missing_list_field_is_refused_rather_than_read_as_empty()
    {
        var error = Refused<ConsumerPacket>("""{"update_validators":{"added":[],"removed":[],"jailed":[],"unjailed":[]}}""");

        Assert.Equal(nameof(ConsumerPacket), error.Target);
    }
}
