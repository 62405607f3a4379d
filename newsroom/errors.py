class WorkflowError(Exception):
    """The object is not in a state that allows the step; the message is for the user."""
