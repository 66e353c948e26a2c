using System.Net;
using System.Net.Sockets;
using MeshSecurity.Emulator.Hosting;
using Env = MeshSecurity.Emulator.Hosting.NodeSettings.Environment;

namespace MeshSecurity.Cli.Cluster;

/// <summary>
/// A node's ports checked before it starts: a node started twice on one port (or on a port another program holds) is
/// bad input that names the port and its flag, not an internal error out of Akka.Remote's or Kestrel's bind.
/// </summary>
public static class PortProbe
{
    /// <summary>Why the node cannot bind its remoting or control port, or null when both are free or not checkable.</summary>
    public static string? Taken(NodeSettings node)
    {
        return InUse(RemotingHost(node), node.Port, $"--port (or {Env.Port})")
            ?? (node.ControlPort is { } port ? InUse(ControlHost(node), port, $"--control-port (or {Env.ControlPort})") : null);
    }

    // where ClusterHost binds remoting and ControlApi the control API
    private static string RemotingHost(NodeSettings node) => ClusterHost.ResolveHostname(node.BindHostname ?? node.Hostname);

    private static string ControlHost(NodeSettings node) => node.BindHostname is { } b ? ClusterHost.ResolveHostname(b) : "127.0.0.1";

    /// <summary>
    /// The same refusal when another process took the remoting port between the probe and the bind (a race the probe cannot
    /// close): null when <paramref name="failure"/> is not a bind refused because the address is in use.
    /// </summary>
    public static string? RemotingTaken(Exception failure, NodeSettings node) =>
        AddressInUse(failure) ? Refusal(RemotingHost(node), node.Port, $"--port (or {Env.Port})") : null;

    /// <summary>As <see cref="RemotingTaken"/>, for the control API's port.</summary>
    public static string? ControlTaken(Exception failure, NodeSettings node) =>
        AddressInUse(failure) && node.ControlPort is { } port
            ? Refusal(ControlHost(node), port, $"--control-port (or {Env.ControlPort})") : null;

    /// <summary>A bind refused with EADDRINUSE anywhere in the chain: Akka.Remote and Kestrel each wrap the socket's error.</summary>
    private static bool AddressInUse(Exception? failure) => failure switch
    {
        null => false,
        SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } => true,
        Microsoft.AspNetCore.Connections.AddressInUseException => true,
        AggregateException all => all.InnerExceptions.Any(AddressInUse),
        _ => AddressInUse(failure.InnerException),
    };

    private static string Refusal(string host, int port, string flag) =>
        $"{flag}: port {port} on {host} is in use (another meshsec node, or another program): stop it, or " +
        "choose another port (0 takes any free one)";

    private static string? InUse(string host, int port, string flag)
    {
        // port 0 takes any free one; a host name is resolved by the transport itself, which then says what failed
        if (port == 0 || !IPAddress.TryParse(host, out var ip)) return null;
        try
        {
            var listener = new TcpListener(ip, port);
            // connections of a node that just ended (TIME_WAIT) do not hold the port for a listener, as for the transport
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            listener.Stop();
            return null;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return Refusal(host, port, flag);
        }
    }
}
