using GeoGrid.Cli.Commands;

return await GeoGridCommand.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
