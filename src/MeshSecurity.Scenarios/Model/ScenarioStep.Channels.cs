namespace MeshSecurity.Scenarios.Model;

public abstract partial record ScenarioStep
{
    /// <summary>
    /// The chain on <paramref name="Side"/> closes its end of the link's mesh channel (IBC's channel_close_init, issued for
    /// the contract that owns the port); the relayer confirms the close on the other end and times out the packets in
    /// flight (timeout on close), so their senders undo them.
    /// </summary>
    public sealed record CloseChannel(Duration At, string Provider, string Consumer, LinkSide Side) : ScenarioStep(At)
    {
        public override string Action => "close-channel";

        /// <summary>The chain whose end is closed.</summary>
        public string Chain => Side == LinkSide.Provider ? Provider : Consumer;
    }

    /// <summary>
    /// Opens a new mesh channel for the link through the relayer's handshake (init on the provider, over the same
    /// connection), as after a close; once it is open, the link's readings and relayer steps use it.
    /// </summary>
    public sealed record ReopenChannel(Duration At, string Provider, string Consumer) : ScenarioStep(At)
    {
        public override string Action => "reopen-channel";
    }
}
