using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

internal sealed partial class ScenarioBuilder
{
    /// <summary>The largest clock skew or jump a scenario may give: a day (a trusting period is two weeks by default).</summary>
    private static readonly Duration MaxClockOffset = Duration.FromDays(1);

    /// <summary>`chain.clock-skew` (chain, offset = "+30s" or "-30s") and `chain.clock-jump` (chain, by = 10m).</summary>
    private ChaosSpec? ReadClockFault(ObjectReader r, string name)
    {
        var chain = ChainRef(r, "chain");
        if (name == "chain.clock-jump")
        {
            var by = r.Duration("by", true);
            if (by is { } b && (b.Nanos == 0 || b > MaxClockOffset))
            {
                ctx.Error(r.PathOf("by"), $"expected a jump above 0s and at most {MaxClockOffset}, got {b}");
                return null;
            }
            return chain is null || by is null ? null : new ChaosSpec.ChainClockJump(chain, by.Value);
        }
        const string expected = "a signed duration: \"+30s\" (the chain's clock ahead) or \"-30s\" (behind)";
        var text = r.Text("offset", true, expected);
        if (text is null) return null;
        var sign = text.Length > 0 && text[0] is '+' or '-' ? text[0] : ' ';
        if (sign == ' ' || !Duration.TryParse(text[1..], out var offset, out var error) || offset.Nanos == 0 || offset > MaxClockOffset)
        {
            var why = sign == ' ' ? "the sign is missing" : !Duration.TryParse(text[1..], out var d, out error) ? error
                : d.Nanos == 0 ? "a skew of 0s is no fault" : $"at most {MaxClockOffset} either way";
            ctx.Error(r.PathOf("offset"), $"expected {expected}, got {HoconNode.Quote(text)} ({why})");
            return null;
        }
        var nanos = sign == '-' ? -(long)offset.Nanos : (long)offset.Nanos;
        return chain is null ? null : new ChaosSpec.ChainClockSkew(chain, nanos);
    }
}
