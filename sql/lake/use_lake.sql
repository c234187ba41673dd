-- make the attached lake the default catalog. {alias} is a fixed identifier of the code.
use {alias};
