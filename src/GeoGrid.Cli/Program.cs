using GeoGrid.Cli.Commands;

return await GeoGridCommand.RunAsync(args).ConfigureAwait(false);
