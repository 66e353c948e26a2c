using System.Security.Cryptography;
using System.Text;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Ibc.Transfer;

/// <summary>
/// ICS-20 fungible token transfer, bound to the port "transfer": native tokens are escrowed on the source and
/// minted as vouchers "ibc/&lt;SHA-256 hex of port/channel/denom&gt;" on the destination; vouchers going home are burned
/// and unescrowed there. An error ack or a timeout refunds the sender.
/// </summary>
public static class TransferModule
{
    public const string PortId = "transfer";
    public const string Version = "ics20-1";

    /// <summary>The voucher denom for a denom trace (ibc-go: "ibc/" + upper-case hex of SHA-256 of the full path).</summary>
    public static string VoucherDenom(string path) => "ibc/" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(path)));

    /// <summary>The voucher a token of <paramref name="baseDenom"/> becomes when it arrives over port/channel.</summary>
    public static string VoucherDenom(string destPort, string destChannel, string baseDenom) => VoucherDenom($"{destPort}/{destChannel}/{baseDenom}");

    /// <summary>Checks the handshake parameters a transfer channel must have.</summary>
    public static void CheckHandshake(IbcOrder order, string version)
    {
        if (order != IbcOrder.Unordered) throw new IbcError.InvalidOrder("UNORDERED").Raise();
        if (version != Version) throw new IbcError.InvalidVersion(Version, version).Raise();
    }

    /// <summary>Escrows (or burns, for a voucher going home) and sends the transfer packet.</summary>
    public static (ChainState State, IbcPacket Packet) Send(ChainState s, Addr sender, string channelId, Coin coin, string receiver, IbcTimeout timeout)
    {
        if (coin.Amount.IsZero) throw new IbcError.InvalidPacket("cannot transfer a zero amount").Raise();
        var end = s.Ibc.RequireChannel(PortId, channelId);
        string fullDenom;
        if (coin.Denom.StartsWith("ibc/", StringComparison.Ordinal))
        {
            fullDenom = s.Ibc.DenomTraces.GetValueOrDefault(coin.Denom)
                        ?? throw new StdError.NotFound($"denom trace of {coin.Denom}").Raise();
            if (ReturnsHomeOver(fullDenom, PortId, channelId)) s.Bank.Burn(sender, Coins.Of(coin));
            else s.Bank.Send(sender, ModuleAccounts.TransferEscrow(s.Prefix, channelId), Coins.Of(coin));
        }
        else
        {
            fullDenom = coin.Denom;
            s.Bank.Send(sender, ModuleAccounts.TransferEscrow(s.Prefix, channelId), Coins.Of(coin));
        }
        // the packet keeps the value it was encoded from: the refund and the sender's callback read it, not the bytes
        var value = new FungibleTokenPacketData(fullDenom, coin.Amount.ToString(), sender.Value, receiver);
        var (ibc, packet) = s.Ibc.SendPacket(PortId, end.Endpoint.ChannelId, Wire.Encode(value), timeout, value);
        return (s.WithIbc(ibc), packet);
    }

    /// <summary>Receives a transfer; any failure raises, and the executor turns it into an error ack.</summary>
    public static ChainState Receive(ChainState s, IbcPacket packet)
    {
        var data = packet.DataAs<FungibleTokenPacketData>();
        var amount = Amount.Parse(data.Amount);
        if (amount.IsZero) throw new IbcError.InvalidPacket("zero amount").Raise();
        var receiver = Addr.Validate(data.Receiver, s.Prefix);
        var sourcePrefix = $"{packet.Source.PortId}/{packet.Source.ChannelId}/";
        if (data.Denom.StartsWith(sourcePrefix, StringComparison.Ordinal))
        {
            // the token comes home: release it from the escrow of the channel it left by
            var local = data.Denom[sourcePrefix.Length..];
            // what is left is either a native denom (which may contain '/') or the trace of a voucher we hold
            var denom = IsTrace(s, local) ? VoucherDenom(local) : local;
            s.Bank.Send(ModuleAccounts.TransferEscrow(s.Prefix, packet.Destination.ChannelId), receiver, Coins.Of(denom, amount));
            return s;
        }
        var path = $"{packet.Destination.PortId}/{packet.Destination.ChannelId}/{data.Denom}";
        var voucher = VoucherDenom(path);
        s.Bank.Mint(receiver, Coins.Of(voucher, amount));
        return s.WithIbc(s.Ibc with { DenomTraces = s.Ibc.DenomTraces.SetItem(voucher, path) });
    }

    /// <summary>On an error ack or a timeout: give the sender back what it sent (<paramref name="data"/>, the packet's).</summary>
    public static ChainState Refund(ChainState s, IbcPacket packet, FungibleTokenPacketData data)
    {
        var amount = Amount.Parse(data.Amount);
        var sender = new Addr(data.Sender);
        if (IsTrace(s, data.Denom))
        {
            var voucher = VoucherDenom(data.Denom);
            if (ReturnsHomeOver(data.Denom, packet.Source.PortId, packet.Source.ChannelId)) s.Bank.Mint(sender, Coins.Of(voucher, amount));
            else s.Bank.Send(ModuleAccounts.TransferEscrow(s.Prefix, packet.Source.ChannelId), sender, Coins.Of(voucher, amount));
            return s;
        }
        s.Bank.Send(ModuleAccounts.TransferEscrow(s.Prefix, packet.Source.ChannelId), sender, Coins.Of(data.Denom, amount));
        return s;
    }

    /// <summary>True when <paramref name="path"/> is the trace of a voucher this chain knows, not a native denom with slashes.</summary>
    private static bool IsTrace(ChainState s, string path) => s.Ibc.DenomTraces.ContainsKey(VoucherDenom(path));

    private static bool ReturnsHomeOver(string fullDenom, string port, string channel) =>
        fullDenom.StartsWith($"{port}/{channel}/", StringComparison.Ordinal);
}
