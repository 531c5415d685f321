"""Django reads an app's models from here. Each concern of projects keeps its models in its own package;
nothing imports this module but Django."""
