namespace MeshSecurity.Core.Relaying;

/// <summary>
/// Where a relayer's path set-up is: the ICS-003 connection handshake, then the ICS-004 channel handshake. Each step is
/// submitted when the block with the previous step's result is observed.
/// </summary>
public enum HandshakeStep
{
    NotStarted,
    CreateClients,
    ConnectionOpenInit,
    ConnectionOpenTry,
    ConnectionOpenAck,
    ConnectionOpenConfirm,

    /// <summary>The connection is open and no channel was asked for (yet).</summary>
    ConnectionOpen,
    ChannelOpenInit,
    ChannelOpenTry,
    ChannelOpenAck,
    ChannelOpenConfirm,
    Open,
    Refused,
}
