#pragma once
// Everything in the lab's shared library.
#include "optlab/activations.hpp"
#include "optlab/core.hpp"
#include "optlab/datasets.hpp"
#include "optlab/driver.hpp"
#include "optlab/functions.hpp"
#include "optlab/gradcheck.hpp"
#include "optlab/linesearch.hpp"
#include "optlab/losses.hpp"
#include "optlab/mlp.hpp"
#include "optlab/objective.hpp"
#include "optlab/plot.hpp"
#include "optlab/result.hpp"
