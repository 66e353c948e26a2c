using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Events;

namespace MeshSecurity.Scenarios.Reporting;

/// <summary>
/// One event as one line of events.jsonl, every field typed (docs/report.md): times from the network's readiness, as
/// report.json counts them (<c>time</c>, <c>"-40s"</c> during set-up) and as integer nanoseconds written as strings
/// (<c>time_ns</c>, and <c>unix_ns</c> since the epoch), so no reader turns them into floats; packet data and JSON
/// attribute values as objects; transaction events as <c>{"type", "attributes"}</c>; and the scenario's names of the
/// addresses a line mentions. <paramref name="ready"/> is null for a run that stopped before its network was ready:
/// its lines then have <c>unix_ns</c> alone.
/// </summary>
public sealed class EventLines(Timestamp? ready, IReadOnlyDictionary<string, string> names)
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Line(EmulatorEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var named = new SortedDictionary<string, string>(StringComparer.Ordinal);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            Time(w, "time", e.Time);
            w.WriteString("chain", e.ChainId);
            w.WriteNumber("height", e.Height);
            w.WriteString("type", JsonNamingPolicy.SnakeCaseLower.ConvertName(e.GetType().Name));
            Fields(w, e, named);
            if (named.Count > 0)
            {
                w.WriteStartObject("names");
                foreach (var (address, name) in named) w.WriteString(address, name);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private void Fields(Utf8JsonWriter w, EmulatorEvent e, SortedDictionary<string, string> named)
    {
        switch (e)
        {
            case EmulatorEvent.BlockCommitted b:
                w.WriteNumber("tx_count", b.TxCount);
                w.WriteString("app_hash", b.AppHash);
                break;
            case EmulatorEvent.TxExecuted or EmulatorEvent.HookExecuted:
                Result(w, e is EmulatorEvent.TxExecuted t ? t.Result : ((EmulatorEvent.HookExecuted)e).Result, named);
                break;
            case EmulatorEvent.ValidatorPowerChanged v:
                Validator(w, v.Validator);
                w.WriteNumber("power", v.Power);
                break;
            case EmulatorEvent.SlashApplied s:
                Validator(w, s.Validator);
                w.WriteString("fraction", s.Fraction.ToString());
                w.WriteString("burned", s.Burned);
                break;
            case EmulatorEvent.ChaosInjected c:
                w.WriteString("fault", c.Fault);
                w.WriteStartArray("targets");
                foreach (var target in c.Targets) w.WriteStringValue(target);
                w.WriteEndArray();
                w.WriteString("member", c.Member);
                break;
            case EmulatorEvent.ReplayDiverged d:
                w.WriteString("journal_app_hash", d.JournalAppHash);
                w.WriteString("app_hash", d.AppHash);
                break;
            default:
                if (PacketOf(e) is not { } p) break;
                Packet(w, p.Packet, named);
                if (p.Success is { } ok) w.WriteBoolean("success", ok);
                if (e is EmulatorEvent.AcknowledgementWritten { Error: { } error }) w.WriteString("error", error);
                break;
        }
    }

    /// <summary>The packet of a packet event, with the acknowledgement's success where it has one; null for other events.</summary>
    private static (IbcPacket Packet, bool? Success)? PacketOf(EmulatorEvent e) => e switch
    {
        EmulatorEvent.PacketSent p => (p.Packet, null),
        EmulatorEvent.AcknowledgementWritten a => (a.Packet, a.Success),
        EmulatorEvent.PacketAcknowledged a => (a.Packet, a.Success),
        EmulatorEvent.PacketTimedOut o => (o.Packet, null),
        _ => null,
    };

    /// <summary>
    /// <c>{key}</c>: the emulated time since readiness as report.json writes it; <c>{key}_ns</c>: the same in nanoseconds;
    /// <c>unix_ns</c> (<c>{key}_unix_ns</c>): since the epoch. Strings of digits: a reader keeps them exact.
    /// </summary>
    private void Time(Utf8JsonWriter w, string key, Timestamp t)
    {
        if (ready is { } r)
        {
            var after = t >= r;
            var span = new Model.Duration(after ? t.Nanos - r.Nanos : r.Nanos - t.Nanos);
            w.WriteString(key, after ? span.ToString() : "-" + span);
            w.WriteString(key + "_ns", (after ? "" : "-") + span.Nanos.ToString(CultureInfo.InvariantCulture));
        }
        w.WriteString(key == "time" ? "unix_ns" : key + "_unix_ns", t.Nanos.ToString(CultureInfo.InvariantCulture));
    }

    private void Validator(Utf8JsonWriter w, string address)
    {
        w.WriteString("validator", address);
        if (names.TryGetValue(address, out var name)) w.WriteString("validator_name", name);
    }

    private void Result(Utf8JsonWriter w, Core.Execution.TxResult r, SortedDictionary<string, string> named)
    {
        w.WriteString("tx", r.TxId);
        w.WriteBoolean("success", r.IsSuccess);
        if (r.Error is { } error) w.WriteString("error", error.ToString());
        w.WriteStartArray("events");
        foreach (var ev in r.Events)
        {
            w.WriteStartObject();
            w.WriteString("type", ev.Type);
            w.WriteStartObject("attributes");
            // a key given more than once (Tendermint allows it) keeps every value, as an array
            foreach (var group in ev.Attributes.GroupBy(a => a.Key, StringComparer.Ordinal))
            {
                w.WritePropertyName(group.Key);
                var values = group.ToList();
                if (values.Count > 1) w.WriteStartArray();
                foreach (var a in values) Value(w, a.Value.ToString(), named);
                if (values.Count > 1) w.WriteEndArray();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private void Packet(Utf8JsonWriter w, IbcPacket p, SortedDictionary<string, string> named)
    {
        w.WriteString("src", p.Source.ToString());
        w.WriteString("dst", p.Destination.ToString());
        w.WriteNumber("sequence", p.Sequence);
        if (!Json(w, "data", p.Data, named)) w.WriteString("data_text", Encoding.UTF8.GetString(p.Data));
        if (p.Timeout.Time is { } at) Time(w, "timeout", at);
        if (p.Timeout.Height is { } height) w.WriteNumber("timeout_height", height);
    }

    /// <summary>An attribute's value: an object or array when it holds JSON (a packet's data), a string otherwise.</summary>
    private void Value(Utf8JsonWriter w, string value, SortedDictionary<string, string> named)
    {
        if (value.Length > 1 && value[0] is '{' or '[' && Json(w, null, Encoding.UTF8.GetBytes(value), named)) return;
        Name(value, named);
        w.WriteStringValue(value);
    }

    /// <summary>Writes <paramref name="bytes"/> as JSON, naming the addresses in its strings; false when it is not JSON.</summary>
    private bool Json(Utf8JsonWriter w, string? key, byte[] bytes, SortedDictionary<string, string> named)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            return false;
        }
        using (doc)
        {
            if (key is not null) w.WritePropertyName(key);
            doc.RootElement.WriteTo(w);
            NameAll(doc.RootElement, named);
        }
        return true;
    }

    private void NameAll(JsonElement e, SortedDictionary<string, string> named)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                Name(e.GetString()!, named);
                break;
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject()) NameAll(p.Value, named);
                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray()) NameAll(item, named);
                break;
        }
    }

    private void Name(string value, SortedDictionary<string, string> named)
    {
        if (names.TryGetValue(value, out var name)) named[value] = name;
    }
}
