using EcgBridge.Cli;

return await EcgBridgeCommand.RunAsync(args).ConfigureAwait(false);
